using Npgsql;

namespace UnsMes.Wip.Genealogy;

/// <summary>
/// Versioned migrations of the PostgreSQL genealogy: the version applied is kept in <c>genealogy_schema</c>; each
/// migration runs once, in its own transaction, under an advisory lock so two trackers starting together do not race.
/// </summary>
internal static class PostgresGenealogySchema
{
    private const long LockKey = 0x57495047454E; // "WIPGEN"

    private static readonly string[] Migrations =
    [
        """
        CREATE TABLE units (
            serial text PRIMARY KEY, work_order_id text NOT NULL, product_id text NOT NULL, line text NOT NULL, started_ts bigint NOT NULL);
        CREATE TABLE unit_operations (
            serial text NOT NULL, operation text NOT NULL, work_center text NOT NULL, machine text NOT NULL,
            entered_ts bigint NOT NULL, end_ts bigint NOT NULL, good boolean NOT NULL, scrap_reason text, operators text,
            PRIMARY KEY (serial, operation));
        CREATE TABLE unit_materials (
            serial text NOT NULL, material_id text NOT NULL, lot_id text NOT NULL, operation text NOT NULL, ts bigint NOT NULL,
            quantity double precision NOT NULL, unit text NOT NULL,
            PRIMARY KEY (serial, material_id, lot_id, operation, ts));
        CREATE INDEX unit_materials_by_lot ON unit_materials (lot_id, ts);
        CREATE TABLE finished (serial text PRIMARY KEY, finished_ts bigint NOT NULL, good boolean NOT NULL);
        CREATE FUNCTION genealogy_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
        BEGIN
            RAISE EXCEPTION 'the genealogy is append-only';
        END $$;
        CREATE TRIGGER units_append_only BEFORE UPDATE OR DELETE ON units FOR EACH ROW EXECUTE FUNCTION genealogy_append_only();
        CREATE TRIGGER operations_append_only BEFORE UPDATE OR DELETE ON unit_operations FOR EACH ROW EXECUTE FUNCTION genealogy_append_only();
        CREATE TRIGGER materials_append_only BEFORE UPDATE OR DELETE ON unit_materials FOR EACH ROW EXECUTE FUNCTION genealogy_append_only();
        CREATE TRIGGER finished_append_only BEFORE UPDATE OR DELETE ON finished FOR EACH ROW EXECUTE FUNCTION genealogy_append_only();
        CREATE TRIGGER units_no_truncate BEFORE TRUNCATE ON units FOR EACH STATEMENT EXECUTE FUNCTION genealogy_append_only();
        CREATE TRIGGER operations_no_truncate BEFORE TRUNCATE ON unit_operations FOR EACH STATEMENT EXECUTE FUNCTION genealogy_append_only();
        CREATE TRIGGER materials_no_truncate BEFORE TRUNCATE ON unit_materials FOR EACH STATEMENT EXECUTE FUNCTION genealogy_append_only();
        CREATE TRIGGER finished_no_truncate BEFORE TRUNCATE ON finished FOR EACH STATEMENT EXECUTE FUNCTION genealogy_append_only();
        """,
    ];

    public static void Migrate(NpgsqlDataSource source)
    {
        using var connection = source.OpenConnection();
        Execute(connection, null, $"SELECT pg_advisory_lock({LockKey})");
        try
        {
            Execute(connection, null, "CREATE TABLE IF NOT EXISTS genealogy_schema (version integer NOT NULL)");
            using var read = new NpgsqlCommand("SELECT coalesce(max(version), 0) FROM genealogy_schema", connection);
            var applied = Convert.ToInt32(read.ExecuteScalar(), System.Globalization.CultureInfo.InvariantCulture);
            for (var version = applied + 1; version <= Migrations.Length; version++)
            {
                using var transaction = connection.BeginTransaction();
                Execute(connection, transaction, Migrations[version - 1]);
                Execute(connection, transaction, $"INSERT INTO genealogy_schema VALUES ({version})");
                transaction.Commit();
            }
        }
        finally
        {
            Execute(connection, null, $"SELECT pg_advisory_unlock({LockKey})");
        }
    }

    private static void Execute(NpgsqlConnection connection, NpgsqlTransaction? transaction, string sql)
    {
        using var command = new NpgsqlCommand(sql, connection, transaction);
        command.ExecuteNonQuery();
    }
}

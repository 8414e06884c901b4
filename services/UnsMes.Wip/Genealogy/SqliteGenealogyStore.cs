using Microsoft.Data.Sqlite;
using UnsMes.Wip.Domain;

namespace UnsMes.Wip.Genealogy;

/// <summary>
/// The genealogy in a SQLite file: append-only (triggers refuse any UPDATE or DELETE, so the record is auditable), and
/// idempotent (a fact written twice, as after a restart replays messages, is kept once). Queries go both ways: what
/// went into a serial, and which serials contain a material lot.
/// </summary>
internal sealed class SqliteGenealogyStore : IGenealogyStore
{
    private const int SchemaVersion = 1;
    private readonly SqliteConnection _connection;
    private readonly Lock _gate = new();

    public SqliteGenealogyStore(string path)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(path))!);
        _connection = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = path, Pooling = false }.ToString());
        _connection.Open();
        Migrate();
    }

    public void Append(IReadOnlyList<GenealogyRecord> records)
    {
        if (records.Count == 0)
        {
            return;
        }

        lock (_gate)
        {
            using var transaction = _connection.BeginTransaction();
            using var writer = new GenealogyWriter(_connection, transaction);
            foreach (var record in records)
            {
                writer.Write(record);
            }

            transaction.Commit();
        }
    }

    public SerialGenealogy? Serial(string serial)
    {
        lock (_gate)
        {
            using var unit = Command("SELECT work_order_id, product_id, line, started_ts, finished_ts, good FROM units u LEFT JOIN finished f USING (serial) WHERE u.serial = $s", serial);
            using var reader = unit.ExecuteReader();
            if (!reader.Read())
            {
                return null;
            }

            var result = reader.IsDBNull(5) ? "in_process" : reader.GetInt64(5) == 1 ? "good" : "scrap";
            var head = (WorkOrder: reader.GetString(0), Product: reader.GetString(1), Line: reader.GetString(2), Started: reader.GetInt64(3), Finished: reader.IsDBNull(4) ? (long?)null : reader.GetInt64(4));
            return new SerialGenealogy(serial, head.WorkOrder, head.Product, head.Line, head.Started, head.Finished, result, Operations(serial), Materials(serial));
        }
    }

    public List<LotUse> SerialsWithLot(string lotId, int limit)
    {
        lock (_gate)
        {
            using var command = Command(
                "SELECT m.serial, u.work_order_id, m.material_id, m.quantity, m.unit, m.operation, m.ts FROM unit_materials m JOIN units u USING (serial) WHERE m.lot_id = $s ORDER BY m.ts, m.serial LIMIT $limit",
                lotId);
            command.Parameters.AddWithValue("$limit", limit);
            using var reader = command.ExecuteReader();
            var uses = new List<LotUse>();
            while (reader.Read())
            {
                uses.Add(new LotUse(reader.GetString(0), reader.GetString(1), reader.GetString(2), reader.GetDouble(3), reader.GetString(4), reader.GetString(5), reader.GetInt64(6)));
            }

            return uses;
        }
    }

    public void Dispose() => _connection.Dispose();

    private List<OperationPass> Operations(string serial)
    {
        using var command = Command("SELECT operation, work_center, machine, entered_ts, end_ts, good, scrap_reason, operators FROM unit_operations WHERE serial = $s ORDER BY end_ts, operation", serial);
        using var reader = command.ExecuteReader();
        var passes = new List<OperationPass>();
        while (reader.Read())
        {
            passes.Add(new OperationPass(reader.GetString(0), reader.GetString(1), reader.GetString(2), reader.GetInt64(3), reader.GetInt64(4),
                reader.GetInt64(5) == 1 ? "good" : "scrap", reader.IsDBNull(6) ? null : reader.GetString(6),
                reader.IsDBNull(7) ? [] : reader.GetString(7).Split(',')));
        }

        return passes;
    }

    private List<MaterialUse> Materials(string serial)
    {
        using var command = Command("SELECT material_id, lot_id, quantity, unit, operation, ts FROM unit_materials WHERE serial = $s ORDER BY ts, material_id", serial);
        using var reader = command.ExecuteReader();
        var uses = new List<MaterialUse>();
        while (reader.Read())
        {
            uses.Add(new MaterialUse(reader.GetString(0), reader.GetString(1) is { Length: > 0 } lot ? lot : null, reader.GetDouble(2), reader.GetString(3), reader.GetString(4), reader.GetInt64(5)));
        }

        return uses;
    }

    private SqliteCommand Command(string sql, string key)
    {
        var command = _connection.CreateCommand();
        command.CommandText = sql;
        command.Parameters.AddWithValue("$s", key);
        return command;
    }

    private void Migrate()
    {
        using var version = _connection.CreateCommand();
        version.CommandText = "PRAGMA user_version";
        if (Convert.ToInt32(version.ExecuteScalar(), System.Globalization.CultureInfo.InvariantCulture) >= SchemaVersion)
        {
            return;
        }

        using var command = _connection.CreateCommand();
        command.CommandText = GenealogySchema.Version1 + $"PRAGMA user_version = {SchemaVersion};";
        command.ExecuteNonQuery();
    }
}

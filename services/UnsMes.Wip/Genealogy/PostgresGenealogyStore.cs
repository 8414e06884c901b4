using Npgsql;
using NpgsqlTypes;
using UnsMes.Wip.Domain;

namespace UnsMes.Wip.Genealogy;

/// <summary>
/// The genealogy in PostgreSQL, for sites whose history outgrows a file: the same tables and keys as the SQLite store,
/// a trigger that refuses UPDATE, DELETE and TRUNCATE (append-only, auditable), and ON CONFLICT DO NOTHING so a replayed
/// fact is kept once. Each append is one transaction sent as one batch.
/// </summary>
internal sealed class PostgresGenealogyStore : IGenealogyStore
{
    private readonly NpgsqlDataSource _source;

    public PostgresGenealogyStore(string connectionString)
    {
        _source = NpgsqlDataSource.Create(connectionString);
        PostgresGenealogySchema.Migrate(_source);
    }

    public void Append(IReadOnlyList<GenealogyRecord> records)
    {
        if (records.Count == 0)
        {
            return;
        }

        using var connection = _source.OpenConnection();
        using var transaction = connection.BeginTransaction();
        using var batch = new NpgsqlBatch(connection, transaction);
        foreach (var record in records)
        {
            batch.BatchCommands.Add(Insert(record));
        }

        batch.ExecuteNonQuery();
        transaction.Commit();
    }

    public SerialGenealogy? Serial(string serial)
    {
        using var connection = _source.OpenConnection();
        using var unit = Command(connection, "SELECT u.work_order_id, u.product_id, u.line, u.started_ts, f.finished_ts, f.good FROM units u LEFT JOIN finished f USING (serial) WHERE u.serial = $1", serial);
        (string WorkOrder, string Product, string Line, long Started, long? Finished, bool? Good) head;
        using (var reader = unit.ExecuteReader())
        {
            if (!reader.Read())
            {
                return null;
            }

            head = (reader.GetString(0), reader.GetString(1), reader.GetString(2), reader.GetInt64(3),
                reader.IsDBNull(4) ? null : reader.GetInt64(4), reader.IsDBNull(5) ? null : reader.GetBoolean(5));
        }

        var result = head.Good is null ? "in_process" : head.Good.Value ? "good" : "scrap";
        return new SerialGenealogy(serial, head.WorkOrder, head.Product, head.Line, head.Started, head.Finished, result, Operations(connection, serial), Materials(connection, serial));
    }

    public List<LotUse> SerialsWithLot(string lotId, int limit)
    {
        using var connection = _source.OpenConnection();
        using var command = Command(connection,
            "SELECT m.serial, u.work_order_id, m.material_id, m.quantity, m.unit, m.operation, m.ts FROM unit_materials m JOIN units u USING (serial) WHERE m.lot_id = $1 ORDER BY m.ts, m.serial LIMIT $2",
            lotId, limit);
        using var reader = command.ExecuteReader();
        var uses = new List<LotUse>();
        while (reader.Read())
        {
            uses.Add(new LotUse(reader.GetString(0), reader.GetString(1), reader.GetString(2), reader.GetDouble(3), reader.GetString(4), reader.GetString(5), reader.GetInt64(6)));
        }

        return uses;
    }

    public void Dispose() => _source.Dispose();

    private static List<OperationPass> Operations(NpgsqlConnection connection, string serial)
    {
        using var command = Command(connection, "SELECT operation, work_center, machine, entered_ts, end_ts, good, scrap_reason, operators FROM unit_operations WHERE serial = $1 ORDER BY end_ts, operation", serial);
        using var reader = command.ExecuteReader();
        var passes = new List<OperationPass>();
        while (reader.Read())
        {
            passes.Add(new OperationPass(reader.GetString(0), reader.GetString(1), reader.GetString(2), reader.GetInt64(3), reader.GetInt64(4),
                reader.GetBoolean(5) ? "good" : "scrap", reader.IsDBNull(6) ? null : reader.GetString(6),
                reader.IsDBNull(7) ? [] : reader.GetString(7).Split(',')));
        }

        return passes;
    }

    private static List<MaterialUse> Materials(NpgsqlConnection connection, string serial)
    {
        using var command = Command(connection, "SELECT material_id, lot_id, quantity, unit, operation, ts FROM unit_materials WHERE serial = $1 ORDER BY ts, material_id", serial);
        using var reader = command.ExecuteReader();
        var uses = new List<MaterialUse>();
        while (reader.Read())
        {
            uses.Add(new MaterialUse(reader.GetString(0), reader.GetString(1) is { Length: > 0 } lot ? lot : null, reader.GetDouble(2), reader.GetString(3), reader.GetString(4), reader.GetInt64(5)));
        }

        return uses;
    }

    private static NpgsqlCommand Command(NpgsqlConnection connection, string sql, params object[] values)
    {
        var command = new NpgsqlCommand(sql, connection);
        foreach (var value in values)
        {
            command.Parameters.Add(new NpgsqlParameter { Value = value });
        }

        return command;
    }

    private static NpgsqlBatchCommand Insert(GenealogyRecord record) => record switch
    {
        UnitStarted s => Batch("INSERT INTO units VALUES ($1, $2, $3, $4, $5) ON CONFLICT DO NOTHING", s.Serial, s.WorkOrderId, s.ProductId, s.Line, s.Ts),
        UnitOperation o => Batch("INSERT INTO unit_operations VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9) ON CONFLICT DO NOTHING",
            o.Serial, o.Operation, o.WorkCenter, o.Cell, o.EnteredMs, o.EndMs, o.Good, o.ScrapReason, o.Operators),
        UnitMaterial m => Batch("INSERT INTO unit_materials VALUES ($1, $2, $3, $4, $5, $6, $7) ON CONFLICT DO NOTHING",
            m.Serial, m.MaterialId, m.LotId ?? "", m.Operation, m.Ts, m.Quantity, m.Unit),
        UnitFinished f => Batch("INSERT INTO finished VALUES ($1, $2, $3) ON CONFLICT DO NOTHING", f.Serial, f.Ts, f.Good),
        _ => throw new ArgumentException($"no table for {record.GetType().Name}", nameof(record)),
    };

    private static NpgsqlBatchCommand Batch(string sql, params object?[] values)
    {
        var command = new NpgsqlBatchCommand(sql);
        foreach (var value in values)
        {
            // Text parameters that may be null need their type: PostgreSQL cannot infer it from a NULL.
            command.Parameters.Add(value is null ? new NpgsqlParameter { NpgsqlDbType = NpgsqlDbType.Text, Value = DBNull.Value } : new NpgsqlParameter { Value = value });
        }

        return command;
    }
}

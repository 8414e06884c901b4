using Microsoft.Data.Sqlite;
using UnsMes.Wip.Domain;

namespace UnsMes.Wip.Genealogy;

/// <summary>Prepared inserts for one transaction of genealogy facts; INSERT OR IGNORE keeps a replayed fact once.</summary>
internal sealed class GenealogyWriter : IDisposable
{
    private readonly SqliteCommand _unit;
    private readonly SqliteCommand _operation;
    private readonly SqliteCommand _material;
    private readonly SqliteCommand _finished;

    public GenealogyWriter(SqliteConnection connection, SqliteTransaction transaction)
    {
        _unit = Prepare(connection, transaction, "INSERT OR IGNORE INTO units VALUES ($1, $2, $3, $4, $5)", 5);
        _operation = Prepare(connection, transaction, "INSERT OR IGNORE INTO unit_operations VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)", 9);
        _material = Prepare(connection, transaction, "INSERT OR IGNORE INTO unit_materials VALUES ($1, $2, $3, $4, $5, $6, $7)", 7);
        _finished = Prepare(connection, transaction, "INSERT OR IGNORE INTO finished VALUES ($1, $2, $3)", 3);
    }

    public void Write(GenealogyRecord record)
    {
        switch (record)
        {
            case UnitStarted s:
                Run(_unit, s.Serial, s.WorkOrderId, s.ProductId, s.Line, s.Ts);
                break;
            case UnitOperation o:
                Run(_operation, o.Serial, o.Operation, o.WorkCenter, o.Cell, o.EnteredMs, o.EndMs, o.Good ? 1 : 0, o.ScrapReason, o.Operators);
                break;
            case UnitMaterial m:
                Run(_material, m.Serial, m.MaterialId, m.LotId ?? "", m.Operation, m.Ts, m.Quantity, m.Unit);
                break;
            case UnitFinished f:
                Run(_finished, f.Serial, f.Ts, f.Good ? 1 : 0);
                break;
        }
    }

    public void Dispose()
    {
        _unit.Dispose();
        _operation.Dispose();
        _material.Dispose();
        _finished.Dispose();
    }

    private static SqliteCommand Prepare(SqliteConnection connection, SqliteTransaction transaction, string sql, int parameters)
    {
        var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = sql;
        for (var i = 1; i <= parameters; i++)
        {
            command.Parameters.Add(new SqliteParameter($"${i}", null));
        }

        return command;
    }

    private static void Run(SqliteCommand command, params object?[] values)
    {
        for (var i = 0; i < values.Length; i++)
        {
            command.Parameters[i].Value = values[i] ?? DBNull.Value;
        }

        command.ExecuteNonQuery();
    }
}

using System.Globalization;
using System.Text;
using Microsoft.Data.Sqlite;
using SQLitePCL;
using UnsMes.Historian.Model;

namespace UnsMes.Historian.Storage.Sqlite;

/// <summary>
/// Writes samples into one value table through statements prepared once for the writer connection's lifetime, bound
/// by position with SQLite's own calls. This is the ingest hot path: Microsoft.Data.Sqlite looks every parameter up by
/// name and boxes every value on each execution, which cost more than SQLite's own work for a narrow row. Runs inside
/// the caller's transaction on the same connection.
/// </summary>
internal sealed class SqliteSampleInserter : IDisposable
{
    // Rows per INSERT statement: one statement per row costs more in stepping than the row itself. 64 rows of 6
    // values stay far below SQLite's limit on bound parameters.
    private const int RowsPerInsert = 64;
    private const int ColumnsPerRow = 6;

    private readonly sqlite3 _db;
    private readonly bool _text;
    private readonly sqlite3_stmt _many;
    private readonly sqlite3_stmt _one;

    public SqliteSampleInserter(SqliteConnection writer, string table, bool text)
    {
        _db = writer.Handle ?? throw new InvalidOperationException("The writer connection is not open.");
        _text = text;
        _many = Prepare(_db, table, RowsPerInsert);
        _one = Prepare(_db, table, 1);
    }

    /// <summary>Inserts the rows (duplicates of (tag, ts) ignored); <paramref name="tagIds"/> resolves each row's tag.</summary>
    public void Insert(IReadOnlyList<HistoryPoint> rows, Func<string, int> tagIds)
    {
        var full = rows.Count / RowsPerInsert * RowsPerInsert;
        for (var start = 0; start < full; start += RowsPerInsert)
        {
            Execute(_many, rows, start, RowsPerInsert, tagIds);
        }

        for (var start = full; start < rows.Count; start++)
        {
            Execute(_one, rows, start, 1, tagIds);
        }
    }

    private void Execute(sqlite3_stmt statement, IReadOnlyList<HistoryPoint> rows, int start, int count, Func<string, int> tagIds)
    {
        for (var i = 0; i < count; i++)
        {
            var point = rows[start + i];
            var at = (i * ColumnsPerRow) + 1; // SQLite numbers parameters from 1
            Check(raw.sqlite3_bind_int64(statement, at, tagIds(point.Tag)));
            Check(raw.sqlite3_bind_int64(statement, at + 1, point.Ts));
            Check(_text
                ? raw.sqlite3_bind_text(statement, at + 2, point.Text ?? "")
                : raw.sqlite3_bind_double(statement, at + 2, point.Number));
            Check(raw.sqlite3_bind_int(statement, at + 3, (int)point.Quality));
            Check(raw.sqlite3_bind_int(statement, at + 4, point.Historical ? 1 : 0));
            Check(raw.sqlite3_bind_int64(statement, at + 5, point.ReceivedTs));
        }

        var rc = raw.sqlite3_step(statement);
        raw.sqlite3_reset(statement);
        if (rc != raw.SQLITE_DONE)
        {
            SqliteException.ThrowExceptionForRC(rc, _db);
        }
    }

    private void Check(int rc)
    {
        if (rc != raw.SQLITE_OK)
        {
            SqliteException.ThrowExceptionForRC(rc, _db);
        }
    }

    private static sqlite3_stmt Prepare(sqlite3 db, string table, int rows)
    {
        var values = new StringBuilder();
        for (var i = 0; i < rows; i++)
        {
            values.Append(i == 0 ? "(" : ", (").Append(string.Join(", ", Enumerable.Repeat("?", ColumnsPerRow))).Append(')');
        }

        var sql = string.Create(CultureInfo.InvariantCulture,
            $"INSERT OR IGNORE INTO {table} (tag_id, ts, value, quality, historical, received_ts) VALUES {values};");
        var rc = raw.sqlite3_prepare_v2(db, sql, out var statement);
        if (rc != raw.SQLITE_OK)
        {
            SqliteException.ThrowExceptionForRC(rc, db);
        }

        return statement;
    }

    public void Dispose()
    {
        _many.Dispose();
        _one.Dispose();
    }
}

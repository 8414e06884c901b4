using Microsoft.Data.Sqlite;

namespace UnsMes.ReferenceErp.Store;

/// <summary>
/// The simulated ERP's SQLite file: one connection, one writer at a time (a booking checks its idempotency key and
/// books inside one transaction, so two deliveries of the same record can never both book).
/// </summary>
public sealed class ErpDatabase : IDisposable
{
    private readonly SqliteConnection _connection;
    private readonly Lock _lock = new();

    public ErpDatabase(string path)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(path))!);
        _connection = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = path, Pooling = false }.ToString());
        _connection.Open();
        using var command = _connection.CreateCommand();
        command.CommandText = """
            PRAGMA journal_mode=WAL;
            PRAGMA synchronous=FULL;
            CREATE TABLE IF NOT EXISTS change_seq (id INTEGER PRIMARY KEY CHECK (id = 1), value INTEGER NOT NULL);
            INSERT OR IGNORE INTO change_seq (id, value) VALUES (1, 0);
            CREATE TABLE IF NOT EXISTS job_order (id TEXT PRIMARY KEY, status TEXT NOT NULL, revision INTEGER NOT NULL, body TEXT NOT NULL, seq INTEGER NOT NULL);
            CREATE INDEX IF NOT EXISTS job_order_seq ON job_order(seq);
            CREATE TABLE IF NOT EXISTS master (kind TEXT NOT NULL, id TEXT NOT NULL, name TEXT NOT NULL, attributes TEXT, seq INTEGER NOT NULL, PRIMARY KEY (kind, id));
            CREATE TABLE IF NOT EXISTS booking (idempotency_key TEXT PRIMARY KEY, job_order_id TEXT NOT NULL, kind TEXT NOT NULL, booking_id TEXT NOT NULL, booked_at INTEGER NOT NULL);
            CREATE TABLE IF NOT EXISTS actual (
                id INTEGER PRIMARY KEY AUTOINCREMENT, booking_key TEXT NOT NULL, job_order_id TEXT NOT NULL, kind TEXT NOT NULL,
                use TEXT NOT NULL, material_id TEXT, operation TEXT, quantity REAL NOT NULL, unit TEXT NOT NULL, reason TEXT, lot_id TEXT);
            CREATE TABLE IF NOT EXISTS labor (
                id INTEGER PRIMARY KEY AUTOINCREMENT, booking_key TEXT NOT NULL, job_order_id TEXT NOT NULL, kind TEXT NOT NULL,
                employee_id TEXT NOT NULL, operation TEXT, hours REAL NOT NULL);
            CREATE INDEX IF NOT EXISTS actual_order ON actual(job_order_id);
            CREATE INDEX IF NOT EXISTS labor_order ON labor(job_order_id);
            """;
        command.ExecuteNonQuery();
    }

    /// <summary>Runs <paramref name="work"/> alone, in one transaction (committed when it returns, rolled back when it throws).</summary>
    public T Write<T>(Func<SqliteConnection, SqliteTransaction, T> work)
    {
        lock (_lock)
        {
            using var transaction = _connection.BeginTransaction();
            var result = work(_connection, transaction);
            transaction.Commit();
            return result;
        }
    }

    public T Read<T>(Func<SqliteConnection, T> work)
    {
        lock (_lock)
        {
            return work(_connection);
        }
    }

    /// <summary>The next number of the change sequence the feeds' cursors count on.</summary>
    public static long NextSeq(SqliteConnection connection, SqliteTransaction transaction)
    {
        using var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = "UPDATE change_seq SET value = value + 1 WHERE id = 1 RETURNING value";
        return (long)command.ExecuteScalar()!;
    }

    public static SqliteCommand Command(SqliteConnection connection, SqliteTransaction? transaction, string sql, params (string Name, object? Value)[] parameters)
    {
        var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = sql;
        foreach (var (name, value) in parameters)
        {
            command.Parameters.AddWithValue(name, value ?? DBNull.Value);
        }

        return command;
    }

    public void Dispose() => _connection.Dispose();
}

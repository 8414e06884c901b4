using Microsoft.Data.Sqlite;

namespace UnsMes.ErpBridge.Outbox;

/// <summary>
/// The durable outbox: a SQLite table keyed by message id. A record is committed (WAL, synchronous=FULL) before the
/// MQTT message that carried it is acknowledged, so a kill loses nothing, and a redelivered message finds its key
/// and is stored once. Delivery takes pending records oldest first.
/// </summary>
public sealed class OutboxStore : IDisposable
{
    private readonly SqliteConnection _connection;
    private readonly Lock _lock = new();

    public OutboxStore(string path)
    {
        var directory = Path.GetDirectoryName(Path.GetFullPath(path));
        if (directory is not null)
        {
            Directory.CreateDirectory(directory);
        }

        _connection = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = path, Pooling = false }.ToString());
        _connection.Open();
        Execute("""
            PRAGMA journal_mode=WAL;
            PRAGMA synchronous=FULL;
            CREATE TABLE IF NOT EXISTS outbox (
                seq INTEGER PRIMARY KEY AUTOINCREMENT,
                message_id TEXT NOT NULL UNIQUE,
                topic TEXT NOT NULL,
                payload TEXT NOT NULL,
                received_at INTEGER NOT NULL,
                state INTEGER NOT NULL,
                attempts INTEGER NOT NULL DEFAULT 0,
                last_error TEXT,
                parked_reason TEXT,
                delivered_at INTEGER,
                booking_id TEXT);
            CREATE INDEX IF NOT EXISTS outbox_state ON outbox(state, seq);
            """);
    }

    /// <summary>Stores a record unless its message id is known; true when it was new.</summary>
    public bool TryAdd(string messageId, string topic, string payload, long receivedAt)
    {
        lock (_lock)
        {
            using var command = _connection.CreateCommand();
            command.CommandText = "INSERT OR IGNORE INTO outbox (message_id, topic, payload, received_at, state) VALUES ($id, $topic, $payload, $at, 0)";
            command.Parameters.AddWithValue("$id", messageId);
            command.Parameters.AddWithValue("$topic", topic);
            command.Parameters.AddWithValue("$payload", payload);
            command.Parameters.AddWithValue("$at", receivedAt);
            return command.ExecuteNonQuery() == 1;
        }
    }

    /// <summary>The oldest pending records, in the order they arrived.</summary>
    public IReadOnlyList<OutboxRecord> NextPending(int limit) => Query("WHERE state = 0 ORDER BY seq LIMIT $limit", ("$limit", limit));

    public IReadOnlyList<OutboxRecord> List(OutboxState state, int limit) =>
        Query("WHERE state = $state ORDER BY seq LIMIT $limit", ("$state", (int)state), ("$limit", limit));

    public OutboxRecord? Find(string messageId) => Query("WHERE message_id = $id", ("$id", messageId)).FirstOrDefault();

    public void MarkDelivered(long seq, string bookingId, long at) =>
        Update("UPDATE outbox SET state = 1, attempts = attempts + 1, delivered_at = $at, booking_id = $booking, last_error = NULL WHERE seq = $seq",
            ("$seq", seq), ("$at", at), ("$booking", bookingId));

    public void Park(long seq, string reason) =>
        Update("UPDATE outbox SET state = 2, attempts = attempts + 1, parked_reason = $reason WHERE seq = $seq", ("$seq", seq), ("$reason", reason));

    public void NoteFailure(long seq, string error) =>
        Update("UPDATE outbox SET attempts = attempts + 1, last_error = $error WHERE seq = $seq", ("$seq", seq), ("$error", error));

    /// <summary>Puts a parked record back in line (after someone fixed what the ERP complained about).</summary>
    public bool Requeue(string messageId) =>
        Update("UPDATE outbox SET state = 0, parked_reason = NULL WHERE message_id = $id AND state = 2", ("$id", messageId)) == 1;

    public OutboxFigures Figures()
    {
        lock (_lock)
        {
            using var command = _connection.CreateCommand();
            command.CommandText = """
                SELECT (SELECT COUNT(*) FROM outbox WHERE state = 0),
                       (SELECT COUNT(*) FROM outbox WHERE state = 2),
                       (SELECT COUNT(*) FROM outbox WHERE state = 1),
                       (SELECT MIN(received_at) FROM outbox WHERE state = 0)
                """;
            using var reader = command.ExecuteReader();
            reader.Read();
            return new OutboxFigures(reader.GetInt64(0), reader.GetInt64(1), reader.GetInt64(2), reader.IsDBNull(3) ? null : reader.GetInt64(3));
        }
    }

    public void Dispose() => _connection.Dispose();

    private void Execute(string sql)
    {
        using var command = _connection.CreateCommand();
        command.CommandText = sql;
        command.ExecuteNonQuery();
    }

    private int Update(string sql, params (string Name, object Value)[] parameters)
    {
        lock (_lock)
        {
            using var command = _connection.CreateCommand();
            command.CommandText = sql;
            foreach (var (name, value) in parameters)
            {
                command.Parameters.AddWithValue(name, value);
            }

            return command.ExecuteNonQuery();
        }
    }

    private List<OutboxRecord> Query(string where, params (string Name, object Value)[] parameters)
    {
        lock (_lock)
        {
            using var command = _connection.CreateCommand();
            command.CommandText = $"SELECT seq, message_id, topic, payload, received_at, state, attempts, last_error, parked_reason, delivered_at, booking_id FROM outbox {where}";
            foreach (var (name, value) in parameters)
            {
                command.Parameters.AddWithValue(name, value);
            }

            using var reader = command.ExecuteReader();
            var records = new List<OutboxRecord>();
            while (reader.Read())
            {
                records.Add(new OutboxRecord(
                    reader.GetInt64(0),
                    reader.GetString(1),
                    reader.GetString(2),
                    reader.GetString(3),
                    reader.GetInt64(4),
                    (OutboxState)reader.GetInt32(5),
                    reader.GetInt32(6),
                    reader.IsDBNull(7) ? null : reader.GetString(7),
                    reader.IsDBNull(8) ? null : reader.GetString(8),
                    reader.IsDBNull(9) ? null : reader.GetInt64(9),
                    reader.IsDBNull(10) ? null : reader.GetString(10)));
            }

            return records;
        }
    }
}

using Microsoft.Data.Sqlite;

namespace UnsMes.EdgePublisher.Buffering;

/// <summary>
/// Messages waiting for the broker, on disk in arrival order (a SQLite file: a kill leaves no half-written record,
/// and a restart finds the backlog where it was). Bounded: past the limit the oldest are dropped and counted.
/// </summary>
public sealed class StoreAndForwardBuffer : IDisposable
{
    private readonly SqliteConnection _connection;
    private readonly int _maxMessages;
    private readonly Lock _lock = new();
    private long _count;

    public StoreAndForwardBuffer(string path, int maxMessages)
    {
        var full = Path.GetFullPath(path);
        Directory.CreateDirectory(Path.GetDirectoryName(full)!);
        _maxMessages = maxMessages;
        _connection = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = full, Pooling = false }.ToString());
        _connection.Open();
        Execute("""
            PRAGMA journal_mode = WAL;
            PRAGMA synchronous = NORMAL;
            CREATE TABLE IF NOT EXISTS buffered (
                id INTEGER PRIMARY KEY AUTOINCREMENT,
                topic TEXT NOT NULL,
                payload BLOB NOT NULL,
                retain INTEGER NOT NULL,
                qos INTEGER NOT NULL
            );
            """);
        using var count = _connection.CreateCommand();
        count.CommandText = "SELECT count(*) FROM buffered";
        _count = (long)count.ExecuteScalar()!;
    }

    public long Count => Interlocked.Read(ref _count);

    /// <summary>Messages dropped because the buffer was full, since this process started.</summary>
    public long Dropped { get; private set; }

    public void Append(IEnumerable<BufferedMessage> messages)
    {
        lock (_lock)
        {
            using var transaction = _connection.BeginTransaction();
            using var insert = _connection.CreateCommand();
            insert.Transaction = transaction;
            insert.CommandText = "INSERT INTO buffered (topic, payload, retain, qos) VALUES ($topic, $payload, $retain, $qos)";
            var topic = insert.Parameters.Add("$topic", SqliteType.Text);
            var payload = insert.Parameters.Add("$payload", SqliteType.Blob);
            var retain = insert.Parameters.Add("$retain", SqliteType.Integer);
            var qos = insert.Parameters.Add("$qos", SqliteType.Integer);
            var added = 0;
            foreach (var message in messages)
            {
                (topic.Value, payload.Value, retain.Value, qos.Value) = (message.Topic, message.Payload, message.Retain ? 1 : 0, message.Qos);
                insert.ExecuteNonQuery();
                added++;
            }

            var excess = _count + added - _maxMessages;
            if (excess > 0)
            {
                using var trim = _connection.CreateCommand();
                trim.Transaction = transaction;
                trim.CommandText = "DELETE FROM buffered WHERE id IN (SELECT id FROM buffered ORDER BY id LIMIT $excess)";
                trim.Parameters.AddWithValue("$excess", excess);
                trim.ExecuteNonQuery();
                Dropped += excess;
                added -= (int)excess;
            }

            transaction.Commit();
            Interlocked.Add(ref _count, added);
        }
    }

    /// <summary>The oldest messages, in order, without removing them.</summary>
    public List<BufferedMessage> Peek(int max)
    {
        lock (_lock)
        {
            using var select = _connection.CreateCommand();
            select.CommandText = "SELECT id, topic, payload, retain, qos FROM buffered ORDER BY id LIMIT $max";
            select.Parameters.AddWithValue("$max", max);
            using var reader = select.ExecuteReader();
            var messages = new List<BufferedMessage>(max);
            while (reader.Read())
            {
                messages.Add(new BufferedMessage(reader.GetString(1), (byte[])reader[2], reader.GetInt32(3) == 1, reader.GetInt32(4)) { Id = reader.GetInt64(0) });
            }

            return messages;
        }
    }

    /// <summary>Removes every message up to and including <paramref name="id"/> once the broker has them.</summary>
    public void RemoveThrough(long id)
    {
        lock (_lock)
        {
            using var delete = _connection.CreateCommand();
            delete.CommandText = "DELETE FROM buffered WHERE id <= $id";
            delete.Parameters.AddWithValue("$id", id);
            var removed = delete.ExecuteNonQuery();
            Interlocked.Add(ref _count, -removed);
        }
    }

    public void Dispose() => _connection.Dispose();

    private void Execute(string sql)
    {
        using var command = _connection.CreateCommand();
        command.CommandText = sql;
        command.ExecuteNonQuery();
    }
}

public sealed record BufferedMessage(string Topic, byte[] Payload, bool Retain, int Qos)
{
    public long Id { get; init; }
}

using Microsoft.Data.Sqlite;

namespace UnsMes.ErpBridge.Sync;

/// <summary>
/// What the pull side remembers between runs, in the outbox's SQLite file: the feed cursors, and per work order the
/// revision, content fingerprint and status last published (so a restart neither republishes nor misses a change).
/// </summary>
internal sealed class SyncStateStore : IDisposable
{
    private readonly SqliteConnection _connection;
    private readonly Lock _lock = new();

    public SyncStateStore(string path)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(path))!);
        _connection = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = path, Pooling = false }.ToString());
        _connection.Open();
        using var command = _connection.CreateCommand();
        command.CommandText = """
            PRAGMA journal_mode=WAL;
            CREATE TABLE IF NOT EXISTS sync_cursor (feed TEXT PRIMARY KEY, cursor TEXT);
            CREATE TABLE IF NOT EXISTS published_order (id TEXT PRIMARY KEY, revision INTEGER NOT NULL, fingerprint TEXT NOT NULL, status TEXT NOT NULL);
            """;
        command.ExecuteNonQuery();
    }

    public string? Cursor(string feed)
    {
        lock (_lock)
        {
            using var command = _connection.CreateCommand();
            command.CommandText = "SELECT cursor FROM sync_cursor WHERE feed = $feed";
            command.Parameters.AddWithValue("$feed", feed);
            return command.ExecuteScalar() as string;
        }
    }

    public void SaveCursor(string feed, string? cursor)
    {
        lock (_lock)
        {
            using var command = _connection.CreateCommand();
            command.CommandText = "INSERT INTO sync_cursor (feed, cursor) VALUES ($feed, $cursor) ON CONFLICT(feed) DO UPDATE SET cursor = excluded.cursor";
            command.Parameters.AddWithValue("$feed", feed);
            command.Parameters.AddWithValue("$cursor", (object?)cursor ?? DBNull.Value);
            command.ExecuteNonQuery();
        }
    }

    public PublishedOrder? Published(string id)
    {
        lock (_lock)
        {
            using var command = _connection.CreateCommand();
            command.CommandText = "SELECT revision, fingerprint, status FROM published_order WHERE id = $id";
            command.Parameters.AddWithValue("$id", id);
            using var reader = command.ExecuteReader();
            return reader.Read() ? new PublishedOrder(reader.GetInt32(0), reader.GetString(1), reader.GetString(2)) : null;
        }
    }

    public void SavePublished(string id, PublishedOrder order)
    {
        lock (_lock)
        {
            using var command = _connection.CreateCommand();
            command.CommandText = """
                INSERT INTO published_order (id, revision, fingerprint, status) VALUES ($id, $revision, $fingerprint, $status)
                ON CONFLICT(id) DO UPDATE SET revision = excluded.revision, fingerprint = excluded.fingerprint, status = excluded.status
                """;
            command.Parameters.AddWithValue("$id", id);
            command.Parameters.AddWithValue("$revision", order.Revision);
            command.Parameters.AddWithValue("$fingerprint", order.Fingerprint);
            command.Parameters.AddWithValue("$status", order.Status);
            command.ExecuteNonQuery();
        }
    }

    public void Dispose() => _connection.Dispose();
}

/// <summary>The last published form of a work order: its revision, a fingerprint of what the floor runs by, its status.</summary>
internal sealed record PublishedOrder(int Revision, string Fingerprint, string Status);

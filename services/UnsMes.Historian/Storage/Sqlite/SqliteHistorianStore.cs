using System.Globalization;
using Microsoft.Data.Sqlite;
using UnsMes.Historian.Model;

namespace UnsMes.Historian.Storage.Sqlite;

/// <summary>
/// The embedded store: one SQLite file in WAL mode. One connection writes (batches in one transaction with prepared
/// statements, duplicates ignored); queries open their own pooled connections and read beside the writer.
/// </summary>
internal sealed partial class SqliteHistorianStore : IHistorianStore
{
    private static readonly string[] EventParameters = ["$id", "$ts", "$r", "$p", "$t", "$h", "$j"];

    private readonly string _connectionString;
    private readonly SemaphoreSlim _writeLock = new(1, 1);
    private readonly Dictionary<string, TagInfo> _tags = new(StringComparer.Ordinal);
    private readonly Lock _tagsLock = new();
    private SqliteConnection? _writer;
    private SqliteSampleInserter? _samples;
    private SqliteSampleInserter? _textSamples;

    // Tag ids as the writer knows them; touched only under the write lock, so the hot path reads it without locking.
    private readonly Dictionary<string, int> _writerTagIds = new(StringComparer.Ordinal);

    public SqliteHistorianStore(string path)
    {
        Path = System.IO.Path.GetFullPath(path);
        _connectionString = new SqliteConnectionStringBuilder { DataSource = Path, Pooling = true, DefaultTimeout = 30 }.ToString();
    }

    public string Path { get; }

    public string Kind => "sqlite";

    public async Task InitializeAsync(CancellationToken cancellationToken)
    {
        // Writers wait for the schema; a second call (another user of the same store) finds it done.
        await _writeLock.WaitAsync(cancellationToken);
        try
        {
            if (_writer is null)
            {
                await MigrateAsync(cancellationToken);
            }
        }
        finally
        {
            _writeLock.Release();
        }
    }

    private async Task MigrateAsync(CancellationToken cancellationToken)
    {
        Directory.CreateDirectory(System.IO.Path.GetDirectoryName(Path)!);
        var writer = new SqliteConnection(_connectionString);
        await writer.OpenAsync(cancellationToken);
        _writer = writer;
        // A larger page cache keeps the leaves of many interleaved tags in memory while a batch lands.
        await ExecuteAsync(_writer, "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL; PRAGMA cache_size=-65536;", cancellationToken);
        await ExecuteAsync(_writer, "CREATE TABLE IF NOT EXISTS schema_version (version INTEGER PRIMARY KEY, applied_ts INTEGER NOT NULL);", cancellationToken);
        var applied = Convert.ToInt64(await ScalarAsync(_writer, "SELECT COALESCE(MAX(version), 0) FROM schema_version;", cancellationToken), CultureInfo.InvariantCulture);
        foreach (var (version, sql) in SqliteSchema.Migrations.Where(m => m.Version > applied))
        {
            await using var tx = (SqliteTransaction)await _writer.BeginTransactionAsync(cancellationToken);
            await ExecuteAsync(_writer, sql, cancellationToken, tx);
            await ExecuteAsync(_writer, $"INSERT INTO schema_version (version, applied_ts) VALUES ({version}, {DateTimeOffset.UtcNow.ToUnixTimeMilliseconds()});", cancellationToken, tx);
            await tx.CommitAsync(cancellationToken);
        }

        await ReloadTagsAsync(cancellationToken);
        _samples = new SqliteSampleInserter(_writer, "samples", text: false);
        _textSamples = new SqliteSampleInserter(_writer, "text_samples", text: true);
    }

    public async Task<IReadOnlyList<TagInfo>> TagsAsync(CancellationToken cancellationToken)
    {
        await ReloadTagsAsync(cancellationToken);
        lock (_tagsLock)
        {
            return [.. _tags.Values];
        }
    }

    public async Task WriteAsync(IReadOnlyList<HistoryPoint> points, IReadOnlyList<HistoryEvent> events, CancellationToken cancellationToken)
    {
        var writer = _writer ?? throw new InvalidOperationException("The store is not initialized.");
        await _writeLock.WaitAsync(cancellationToken);
        try
        {
            var added = new List<TagInfo>();
            try
            {
                await using var tx = (SqliteTransaction)await writer.BeginTransactionAsync(cancellationToken);
                await EnsureTagsAsync(writer, tx, points, added, cancellationToken);
                if (points.Count > 0)
                {
                    WritePoints(points);
                    await LowerWatermarksAsync(writer, tx, points, cancellationToken);
                }

                if (events.Count > 0)
                {
                    WriteEvents(writer, tx, events);
                }

                await tx.CommitAsync(cancellationToken);
            }
            catch
            {
                // The tags this batch created were rolled back with it: their ids must not be used again.
                foreach (var tag in added)
                {
                    _writerTagIds.Remove(tag.Name);
                }

                throw;
            }

            lock (_tagsLock)
            {
                foreach (var tag in added)
                {
                    _tags.TryAdd(tag.Name, tag);
                }
            }
        }
        finally
        {
            _writeLock.Release();
        }
    }

    private void WritePoints(IReadOnlyList<HistoryPoint> points)
    {
        var numbers = new List<HistoryPoint>(points.Count);
        var texts = new List<HistoryPoint>();
        foreach (var point in points)
        {
            (point.Kind == TagKind.Text ? texts : numbers).Add(point);
        }

        var ids = _writerTagIds;
        _samples!.Insert(numbers, tag => ids[tag]);
        _textSamples!.Insert(texts, tag => ids[tag]);
    }

    private static void WriteEvents(SqliteConnection writer, SqliteTransaction tx, IReadOnlyList<HistoryEvent> events)
    {
        using var command = writer.CreateCommand();
        command.Transaction = tx;
        command.CommandText = "INSERT OR IGNORE INTO events (id, ts, received_ts, path, type, historical, json) VALUES ($id, $ts, $r, $p, $t, $h, $j);";
        var parameters = EventParameters.Select(n => command.Parameters.Add(new SqliteParameter { ParameterName = n })).ToArray();
        foreach (var e in events)
        {
            parameters[0].Value = e.Id;
            parameters[1].Value = e.Ts;
            parameters[2].Value = e.ReceivedTs;
            parameters[3].Value = e.Path;
            parameters[4].Value = e.Type;
            parameters[5].Value = e.Historical ? 1 : 0;
            parameters[6].Value = e.Json;
            command.ExecuteNonQuery();
        }
    }

    private static async Task LowerWatermarksAsync(SqliteConnection writer, SqliteTransaction tx, IReadOnlyList<HistoryPoint> points, CancellationToken cancellationToken)
    {
        var earliest = long.MaxValue;
        foreach (var point in points)
        {
            if (point.Kind != TagKind.Text && point.Ts < earliest)
            {
                earliest = point.Ts;
            }
        }

        if (earliest == long.MaxValue)
        {
            return;
        }

        foreach (var resolution in new[] { Resolution.Minute, Resolution.Hour })
        {
            var floor = Floor(earliest, resolution.Milliseconds());
            await ExecuteAsync(writer, $"UPDATE rollup_state SET upto = {floor} WHERE resolution = {(int)resolution} AND (upto IS NULL OR upto > {floor});", cancellationToken, tx);
        }
    }

    /// <summary>Gives every tag of the batch an id, creating the missing ones (listed in <paramref name="added"/>).</summary>
    private async Task EnsureTagsAsync(SqliteConnection writer, SqliteTransaction tx, IReadOnlyList<HistoryPoint> points, List<TagInfo> added, CancellationToken cancellationToken)
    {
        foreach (var point in points)
        {
            if (_writerTagIds.ContainsKey(point.Tag))
            {
                continue;
            }

            TagInfo? tag;
            lock (_tagsLock)
            {
                _tags.TryGetValue(point.Tag, out tag);
            }

            if (tag is null)
            {
                await using var command = writer.CreateCommand();
                command.Transaction = tx;
                command.CommandText = "INSERT OR IGNORE INTO tags (name, kind, unit, created_ts) VALUES ($n, $k, $u, $c); SELECT id, kind, unit FROM tags WHERE name = $n;";
                command.Parameters.AddWithValue("$n", point.Tag);
                command.Parameters.AddWithValue("$k", (int)point.Kind);
                command.Parameters.AddWithValue("$u", point.Unit);
                command.Parameters.AddWithValue("$c", point.ReceivedTs);
                await using var reader = await command.ExecuteReaderAsync(cancellationToken);
                await reader.ReadAsync(cancellationToken);
                tag = new TagInfo(reader.GetInt32(0), point.Tag, (TagKind)reader.GetInt32(1), reader.GetString(2));
                added.Add(tag);
            }

            _writerTagIds[point.Tag] = tag.Id;
        }
    }

    private async Task ReloadTagsAsync(CancellationToken cancellationToken)
    {
        await using var connection = await OpenAsync(cancellationToken);
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT id, name, kind, unit FROM tags;";
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        var loaded = new List<TagInfo>();
        while (await reader.ReadAsync(cancellationToken))
        {
            loaded.Add(new TagInfo(reader.GetInt32(0), reader.GetString(1), (TagKind)reader.GetInt32(2), reader.GetString(3)));
        }

        lock (_tagsLock)
        {
            foreach (var tag in loaded)
            {
                _tags[tag.Name] = tag;
            }
        }
    }

    private async Task<SqliteConnection> OpenAsync(CancellationToken cancellationToken)
    {
        var connection = new SqliteConnection(_connectionString);
        await connection.OpenAsync(cancellationToken);
        return connection;
    }

    internal static long Floor(long ts, long step) => ts - (((ts % step) + step) % step);

    private static async Task ExecuteAsync(SqliteConnection connection, string sql, CancellationToken cancellationToken, SqliteTransaction? tx = null)
    {
        await using var command = connection.CreateCommand();
        command.Transaction = tx;
        command.CommandText = sql;
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    private static async Task<object?> ScalarAsync(SqliteConnection connection, string sql, CancellationToken cancellationToken)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        return await command.ExecuteScalarAsync(cancellationToken);
    }

    public async ValueTask DisposeAsync()
    {
        _samples?.Dispose();
        _textSamples?.Dispose();
        if (_writer is not null)
        {
            await _writer.DisposeAsync();
        }

        _writeLock.Dispose();
    }
}

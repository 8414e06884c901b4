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
    private static readonly string[] InsertParameters = ["$t", "$ts", "$v", "$q", "$h", "$r"];

    private readonly string _connectionString;
    private readonly SemaphoreSlim _writeLock = new(1, 1);
    private readonly Dictionary<string, TagInfo> _tags = new(StringComparer.Ordinal);
    private readonly Lock _tagsLock = new();
    private SqliteConnection? _writer;

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
            await using var tx = (SqliteTransaction)await writer.BeginTransactionAsync(cancellationToken);
            var ids = await EnsureTagsAsync(writer, tx, points, cancellationToken);
            if (points.Count > 0)
            {
                WritePoints(writer, tx, points, ids);
                await LowerWatermarksAsync(writer, tx, points, cancellationToken);
            }

            if (events.Count > 0)
            {
                WriteEvents(writer, tx, events);
            }

            await tx.CommitAsync(cancellationToken);
        }
        finally
        {
            _writeLock.Release();
        }
    }

    // Rows per INSERT statement: one statement per row costs more in binding and stepping than the row itself.
    private const int RowsPerInsert = 64;

    private static void WritePoints(SqliteConnection writer, SqliteTransaction tx, IReadOnlyList<HistoryPoint> points, Dictionary<string, TagInfo> ids)
    {
        foreach (var text in new[] { false, true })
        {
            var rows = points.Where(p => (p.Kind == TagKind.Text) == text).ToList();
            var table = text ? "text_samples" : "samples";
            var full = rows.Count / RowsPerInsert * RowsPerInsert;
            if (full > 0)
            {
                using var many = Insert(writer, tx, table, RowsPerInsert);
                for (var start = 0; start < full; start += RowsPerInsert)
                {
                    Bind(many, rows, start, RowsPerInsert, ids);
                    many.ExecuteNonQuery();
                }
            }

            if (full < rows.Count)
            {
                using var one = Insert(writer, tx, table, 1);
                for (var start = full; start < rows.Count; start++)
                {
                    Bind(one, rows, start, 1, ids);
                    one.ExecuteNonQuery();
                }
            }
        }
    }

    private static void Bind(SqliteCommand command, List<HistoryPoint> rows, int start, int count, Dictionary<string, TagInfo> ids)
    {
        var parameters = command.Parameters;
        for (var i = 0; i < count; i++)
        {
            var point = rows[start + i];
            var at = i * 6;
            parameters[at].Value = ids[point.Tag].Id;
            parameters[at + 1].Value = point.Ts;
            parameters[at + 2].Value = point.Kind == TagKind.Text ? point.Text ?? "" : point.Number;
            parameters[at + 3].Value = (int)point.Quality;
            parameters[at + 4].Value = point.Historical ? 1 : 0;
            parameters[at + 5].Value = point.ReceivedTs;
        }
    }

    private static SqliteCommand Insert(SqliteConnection writer, SqliteTransaction tx, string table, int rows)
    {
        var command = writer.CreateCommand();
        command.Transaction = tx;
        var values = new System.Text.StringBuilder();
        for (var i = 0; i < rows; i++)
        {
            values.Append(i == 0 ? "" : ", ").Append(System.Globalization.CultureInfo.InvariantCulture, $"($t{i}, $ts{i}, $v{i}, $q{i}, $h{i}, $r{i})");
            foreach (var name in InsertParameters)
            {
                command.Parameters.Add(new SqliteParameter { ParameterName = $"{name}{i}" });
            }
        }

        command.CommandText = $"INSERT OR IGNORE INTO {table} (tag_id, ts, value, quality, historical, received_ts) VALUES {values};";
        command.Prepare();
        return command;
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

    private async Task<Dictionary<string, TagInfo>> EnsureTagsAsync(SqliteConnection writer, SqliteTransaction tx, IReadOnlyList<HistoryPoint> points, CancellationToken cancellationToken)
    {
        Dictionary<string, TagInfo> known;
        lock (_tagsLock)
        {
            known = new Dictionary<string, TagInfo>(_tags, StringComparer.Ordinal);
        }

        foreach (var point in points)
        {
            if (known.ContainsKey(point.Tag))
            {
                continue;
            }

            await using var command = writer.CreateCommand();
            command.Transaction = tx;
            command.CommandText = "INSERT OR IGNORE INTO tags (name, kind, unit, created_ts) VALUES ($n, $k, $u, $c); SELECT id, kind, unit FROM tags WHERE name = $n;";
            command.Parameters.AddWithValue("$n", point.Tag);
            command.Parameters.AddWithValue("$k", (int)point.Kind);
            command.Parameters.AddWithValue("$u", point.Unit);
            command.Parameters.AddWithValue("$c", point.ReceivedTs);
            await using var reader = await command.ExecuteReaderAsync(cancellationToken);
            await reader.ReadAsync(cancellationToken);
            known[point.Tag] = new TagInfo(reader.GetInt32(0), point.Tag, (TagKind)reader.GetInt32(1), reader.GetString(2));
        }

        lock (_tagsLock)
        {
            foreach (var (name, tag) in known)
            {
                _tags.TryAdd(name, tag);
            }
        }

        return known;
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
        if (_writer is not null)
        {
            await _writer.DisposeAsync();
        }

        _writeLock.Dispose();
    }
}

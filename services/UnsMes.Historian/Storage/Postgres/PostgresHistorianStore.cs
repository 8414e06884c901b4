using System.Globalization;
using Npgsql;
using NpgsqlTypes;
using UnsMes.Historian.Model;

namespace UnsMes.Historian.Storage.Postgres;

/// <summary>
/// The store at scale: PostgreSQL through Npgsql. A batch is copied in with binary COPY into a staging table and
/// moved into the day partitions with ON CONFLICT DO NOTHING (COPY alone cannot skip the duplicates a redelivery
/// brings), all in one transaction.
/// </summary>
internal sealed partial class PostgresHistorianStore : IHistorianStore
{
    private const long DayMs = 86_400_000;

    private readonly NpgsqlDataSource _dataSource;
    private readonly SemaphoreSlim _writeLock = new(1, 1);
    private readonly Dictionary<string, TagInfo> _tags = new(StringComparer.Ordinal);
    private readonly HashSet<string> _partitions = new(StringComparer.Ordinal);
    private readonly Lock _tagsLock = new();

    public PostgresHistorianStore(string connectionString)
    {
        _dataSource = NpgsqlDataSource.Create(connectionString);
    }

    public string Kind => "postgres";

    public async Task InitializeAsync(CancellationToken cancellationToken)
    {
        // Writers wait for the schema (the lock is held while migrating).
        await _writeLock.WaitAsync(cancellationToken);
        try
        {
            await MigrateAsync(cancellationToken);
        }
        finally
        {
            _writeLock.Release();
        }
    }

    private async Task MigrateAsync(CancellationToken cancellationToken)
    {
        await using var connection = await _dataSource.OpenConnectionAsync(cancellationToken);
        await ExecuteAsync(connection, null, "CREATE TABLE IF NOT EXISTS schema_version (version integer PRIMARY KEY, applied_ts bigint NOT NULL);", cancellationToken);
        await using (var lockTx = await connection.BeginTransactionAsync(cancellationToken))
        {
            // Two historians starting together must not both migrate.
            await ExecuteAsync(connection, lockTx, "LOCK TABLE schema_version IN EXCLUSIVE MODE;", cancellationToken);
            await using var versionCommand = new NpgsqlCommand("SELECT COALESCE(MAX(version), 0) FROM schema_version;", connection, lockTx);
            var applied = Convert.ToInt32(await versionCommand.ExecuteScalarAsync(cancellationToken), CultureInfo.InvariantCulture);
            foreach (var (version, sql) in PostgresSchema.Migrations.Where(m => m.Version > applied))
            {
                await ExecuteAsync(connection, lockTx, sql, cancellationToken);
                await ExecuteAsync(connection, lockTx, $"INSERT INTO schema_version (version, applied_ts) VALUES ({version}, {DateTimeOffset.UtcNow.ToUnixTimeMilliseconds()});", cancellationToken);
            }

            await lockTx.CommitAsync(cancellationToken);
        }

        await ReloadTagsAsync(cancellationToken);
        await ReloadPartitionsAsync(connection, cancellationToken);
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
        await _writeLock.WaitAsync(cancellationToken);
        try
        {
            await using var connection = await _dataSource.OpenConnectionAsync(cancellationToken);
            await using var tx = await connection.BeginTransactionAsync(cancellationToken);
            Dictionary<string, TagInfo>? ids = null;
            if (points.Count > 0)
            {
                ids = await EnsureTagsAsync(connection, tx, points, cancellationToken);
                await EnsurePartitionsAsync(connection, tx, points, cancellationToken);
                await CopyPointsAsync(connection, tx, points, ids, TagKind.Number, cancellationToken);
                await CopyPointsAsync(connection, tx, points, ids, TagKind.Text, cancellationToken);
                await LowerWatermarksAsync(connection, tx, points, cancellationToken);
            }

            if (events.Count > 0)
            {
                await CopyEventsAsync(connection, tx, events, cancellationToken);
            }

            await tx.CommitAsync(cancellationToken);
            if (ids is not null)
            {
                lock (_tagsLock)
                {
                    foreach (var (name, tag) in ids)
                    {
                        _tags.TryAdd(name, tag);
                    }
                }
            }
        }
        catch
        {
            // A failed transaction may have created partitions that were rolled back with it.
            lock (_tagsLock)
            {
                _partitions.Clear();
            }

            throw;
        }
        finally
        {
            _writeLock.Release();
        }
    }

    private static async Task CopyPointsAsync(NpgsqlConnection connection, NpgsqlTransaction tx, IReadOnlyList<HistoryPoint> points, Dictionary<string, TagInfo> ids, TagKind table, CancellationToken cancellationToken)
    {
        var text = table == TagKind.Text;
        var selected = points.Where(p => (p.Kind == TagKind.Text) == text).ToList();
        if (selected.Count == 0)
        {
            return;
        }

        var target = text ? "text_samples" : "samples";
        await ExecuteAsync(connection, tx, $"CREATE TEMP TABLE IF NOT EXISTS stage_{target} (LIKE {target} INCLUDING DEFAULTS) ON COMMIT DELETE ROWS;", cancellationToken);
        await using (var importer = await connection.BeginBinaryImportAsync(
                         $"COPY stage_{target} (tag_id, ts, value, quality, historical, received_ts) FROM STDIN (FORMAT BINARY)", cancellationToken))
        {
            foreach (var point in selected)
            {
                await importer.StartRowAsync(cancellationToken);
                await importer.WriteAsync(ids[point.Tag].Id, NpgsqlDbType.Integer, cancellationToken);
                await importer.WriteAsync(point.Ts, NpgsqlDbType.Bigint, cancellationToken);
                if (text)
                {
                    await importer.WriteAsync(point.Text ?? "", NpgsqlDbType.Text, cancellationToken);
                }
                else
                {
                    await importer.WriteAsync(point.Number, NpgsqlDbType.Double, cancellationToken);
                }

                await importer.WriteAsync((short)point.Quality, NpgsqlDbType.Smallint, cancellationToken);
                await importer.WriteAsync(point.Historical, NpgsqlDbType.Boolean, cancellationToken);
                await importer.WriteAsync(point.ReceivedTs, NpgsqlDbType.Bigint, cancellationToken);
            }

            await importer.CompleteAsync(cancellationToken);
        }

        await ExecuteAsync(connection, tx, $"INSERT INTO {target} SELECT * FROM stage_{target} ON CONFLICT DO NOTHING;", cancellationToken);
    }

    private static async Task CopyEventsAsync(NpgsqlConnection connection, NpgsqlTransaction tx, IReadOnlyList<HistoryEvent> events, CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand(
            """
            INSERT INTO events (id, ts, received_ts, path, type, historical, json)
            SELECT * FROM unnest(@id, @ts, @r, @p, @t, @h, @j::jsonb[]) ON CONFLICT DO NOTHING;
            """, connection, tx);
        command.Parameters.AddWithValue("id", events.Select(e => e.Id).ToArray());
        command.Parameters.AddWithValue("ts", events.Select(e => e.Ts).ToArray());
        command.Parameters.AddWithValue("r", events.Select(e => e.ReceivedTs).ToArray());
        command.Parameters.AddWithValue("p", events.Select(e => e.Path).ToArray());
        command.Parameters.AddWithValue("t", events.Select(e => e.Type).ToArray());
        command.Parameters.AddWithValue("h", events.Select(e => e.Historical).ToArray());
        command.Parameters.AddWithValue("j", events.Select(e => e.Json).ToArray());
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    private static async Task LowerWatermarksAsync(NpgsqlConnection connection, NpgsqlTransaction tx, IReadOnlyList<HistoryPoint> points, CancellationToken cancellationToken)
    {
        var numeric = points.Where(p => p.Kind != TagKind.Text).ToList();
        if (numeric.Count == 0)
        {
            return;
        }

        var earliest = numeric.Min(p => p.Ts);
        foreach (var resolution in new[] { Resolution.Minute, Resolution.Hour })
        {
            var floor = Floor(earliest, resolution.Milliseconds());
            await ExecuteAsync(connection, tx, $"UPDATE rollup_state SET upto = {floor} WHERE resolution = {(int)resolution} AND (upto IS NULL OR upto > {floor});", cancellationToken);
        }
    }

    internal static long Floor(long ts, long step) => ts - (((ts % step) + step) % step);

    private static async Task ExecuteAsync(NpgsqlConnection connection, NpgsqlTransaction? tx, string sql, CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand(sql, connection, tx);
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    public async ValueTask DisposeAsync()
    {
        await _dataSource.DisposeAsync();
        _writeLock.Dispose();
    }
}

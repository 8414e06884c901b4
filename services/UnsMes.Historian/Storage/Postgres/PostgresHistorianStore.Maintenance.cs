using System.Globalization;
using Npgsql;
using NpgsqlTypes;
using UnsMes.Historian.Model;

namespace UnsMes.Historian.Storage.Postgres;

internal sealed partial class PostgresHistorianStore
{
    public async Task<long?> WatermarkAsync(Resolution resolution, CancellationToken cancellationToken)
    {
        await using var connection = await _dataSource.OpenConnectionAsync(cancellationToken);
        await using var command = new NpgsqlCommand($"SELECT upto FROM rollup_state WHERE resolution = {(int)resolution};", connection);
        return await command.ExecuteScalarAsync(cancellationToken) is long upto ? upto : null;
    }

    public async Task WriteRollupsAsync(Resolution resolution, IReadOnlyList<RollupRow> rows, long from, long watermark, CancellationToken cancellationToken)
    {
        await _writeLock.WaitAsync(cancellationToken);
        try
        {
            await using var connection = await _dataSource.OpenConnectionAsync(cancellationToken);
            await using var tx = await connection.BeginTransactionAsync(cancellationToken);
            var table = RollupTable(resolution);
            await ExecuteAsync(connection, tx, $"CREATE TEMP TABLE IF NOT EXISTS stage_{table} (LIKE {table}) ON COMMIT DELETE ROWS;", cancellationToken);
            await using (var importer = await connection.BeginBinaryImportAsync(
                             $"COPY stage_{table} (tag_id, bucket, first_ts, first, last_ts, last, count, sum, min, max, inner_integral) FROM STDIN (FORMAT BINARY)", cancellationToken))
            {
                foreach (var row in rows)
                {
                    var s = row.Segment;
                    await importer.StartRowAsync(cancellationToken);
                    await importer.WriteAsync(row.TagId, NpgsqlDbType.Integer, cancellationToken);
                    await importer.WriteAsync(row.BucketStart, NpgsqlDbType.Bigint, cancellationToken);
                    await importer.WriteAsync(s.FirstTs, NpgsqlDbType.Bigint, cancellationToken);
                    await importer.WriteAsync(s.First, NpgsqlDbType.Double, cancellationToken);
                    await importer.WriteAsync(s.LastTs, NpgsqlDbType.Bigint, cancellationToken);
                    await importer.WriteAsync(s.Last, NpgsqlDbType.Double, cancellationToken);
                    await importer.WriteAsync(s.Count, NpgsqlDbType.Bigint, cancellationToken);
                    await importer.WriteAsync(s.Sum, NpgsqlDbType.Double, cancellationToken);
                    await importer.WriteAsync(s.Min, NpgsqlDbType.Double, cancellationToken);
                    await importer.WriteAsync(s.Max, NpgsqlDbType.Double, cancellationToken);
                    await importer.WriteAsync(s.InnerIntegral, NpgsqlDbType.Double, cancellationToken);
                }

                await importer.CompleteAsync(cancellationToken);
            }

            await ExecuteAsync(connection, tx, $"""
                INSERT INTO {table} SELECT * FROM stage_{table}
                ON CONFLICT (tag_id, bucket) DO UPDATE SET first_ts = excluded.first_ts, first = excluded.first, last_ts = excluded.last_ts,
                    last = excluded.last, count = excluded.count, sum = excluded.sum, min = excluded.min, max = excluded.max,
                    inner_integral = excluded.inner_integral;
                UPDATE rollup_state SET upto = {watermark} WHERE resolution = {(int)resolution} AND upto = {from};
                """, cancellationToken);
            await tx.CommitAsync(cancellationToken);
        }
        finally
        {
            _writeLock.Release();
        }
    }

    public async Task<RetentionReport> ApplyRetentionAsync(RetentionCutoffs cutoffs, CancellationToken cancellationToken)
    {
        await _writeLock.WaitAsync(cancellationToken);
        try
        {
            await using var connection = await _dataSource.OpenConnectionAsync(cancellationToken);
            var dropped = new List<string>();
            long deleted = 0;
            if (cutoffs.Raw is { } rawBefore)
            {
                // Whole days only: a partition goes when its last millisecond is older than the cutoff.
                foreach (var name in await PartitionsAsync(connection, cancellationToken))
                {
                    var day = DateTimeOffset.ParseExact(name[^8..], "yyyyMMdd", CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal).ToUnixTimeMilliseconds();
                    if (day + DayMs <= rawBefore)
                    {
                        await ExecuteAsync(connection, null, $"DROP TABLE IF EXISTS {name};", cancellationToken);
                        dropped.Add(name);
                    }
                }

                lock (_tagsLock)
                {
                    _partitions.ExceptWith(dropped);
                }
            }

            foreach (var (table, column, cutoff) in new[] { ("rollups_1m", "bucket", cutoffs.Minute), ("rollups_1h", "bucket", cutoffs.Hour), ("events", "ts", cutoffs.Events) })
            {
                if (cutoff is { } before)
                {
                    await using var command = new NpgsqlCommand($"DELETE FROM {table} WHERE {column} < @c;", connection);
                    command.Parameters.AddWithValue("c", before);
                    deleted += await command.ExecuteNonQueryAsync(cancellationToken);
                }
            }

            return new RetentionReport(deleted, dropped);
        }
        finally
        {
            _writeLock.Release();
        }
    }

    public async Task<StorageReport> StorageAsync(CancellationToken cancellationToken)
    {
        await using var connection = await _dataSource.OpenConnectionAsync(cancellationToken);
        var parts = new Dictionary<string, long>(StringComparer.Ordinal);
        await using (var command = new NpgsqlCommand(
                         """
                         SELECT t.name, COALESCE((SELECT SUM(pg_total_relation_size(i.inhrelid)) FROM pg_inherits i WHERE i.inhparent = c.oid), 0)::bigint
                                        + pg_total_relation_size(c.oid)
                         FROM (VALUES ('samples'), ('text_samples'), ('events'), ('tags'), ('rollups_1m'), ('rollups_1h')) AS t(name)
                         JOIN pg_class c ON c.relname = t.name AND c.relkind IN ('r', 'p');
                         """, connection))
        {
            await using var reader = await command.ExecuteReaderAsync(cancellationToken);
            while (await reader.ReadAsync(cancellationToken))
            {
                parts[reader.GetString(0)] = reader.GetInt64(1);
            }
        }

        var partitions = await PartitionsAsync(connection, cancellationToken);
        var tags = await TagsAsync(cancellationToken);
        return new StorageReport(Kind, parts.Values.Sum(), tags.Count, parts, partitions);
    }
}

using Microsoft.Data.Sqlite;
using UnsMes.Historian.Model;

namespace UnsMes.Historian.Storage.Sqlite;

internal sealed partial class SqliteHistorianStore
{
    public async Task<long?> WatermarkAsync(Resolution resolution, CancellationToken cancellationToken)
    {
        await using var connection = await OpenAsync(cancellationToken);
        var value = await ScalarAsync(connection, $"SELECT upto FROM rollup_state WHERE resolution = {(int)resolution};", cancellationToken);
        return value is long upto ? upto : null;
    }

    public async Task WriteRollupsAsync(Resolution resolution, IReadOnlyList<RollupRow> rows, long from, long watermark, CancellationToken cancellationToken)
    {
        var writer = _writer ?? throw new InvalidOperationException("The store is not initialized.");
        await _writeLock.WaitAsync(cancellationToken);
        try
        {
            await using var tx = (SqliteTransaction)await writer.BeginTransactionAsync(cancellationToken);
            await using (var command = writer.CreateCommand())
            {
                command.Transaction = tx;
                command.CommandText = $"""
                    INSERT OR REPLACE INTO {RollupTable(resolution)} (tag_id, bucket, first_ts, first, last_ts, last, count, sum, min, max, inner_integral)
                    VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11);
                    """;
                var p = Enumerable.Range(1, 11).Select(i => command.Parameters.Add(new SqliteParameter { ParameterName = $"${i}" })).ToArray();
                foreach (var row in rows)
                {
                    var s = row.Segment;
                    (p[0].Value, p[1].Value, p[2].Value, p[3].Value, p[4].Value, p[5].Value) = (row.TagId, row.BucketStart, s.FirstTs, s.First, s.LastTs, s.Last);
                    (p[6].Value, p[7].Value, p[8].Value, p[9].Value, p[10].Value) = (s.Count, s.Sum, s.Min, s.Max, s.InnerIntegral);
                    await command.ExecuteNonQueryAsync(cancellationToken);
                }
            }

            // A late write that arrived meanwhile may have moved the watermark back: then it stays there.
            await ExecuteAsync(writer, $"UPDATE rollup_state SET upto = {watermark} WHERE resolution = {(int)resolution} AND upto = {from};", cancellationToken, tx);
            await tx.CommitAsync(cancellationToken);
        }
        finally
        {
            _writeLock.Release();
        }
    }

    public async Task<RetentionReport> ApplyRetentionAsync(RetentionCutoffs cutoffs, CancellationToken cancellationToken)
    {
        var writer = _writer ?? throw new InvalidOperationException("The store is not initialized.");
        long deleted = 0;
        await _writeLock.WaitAsync(cancellationToken);
        try
        {
            await using var tx = (SqliteTransaction)await writer.BeginTransactionAsync(cancellationToken);
            foreach (var (table, column, cutoff) in new[]
                     {
                         ("samples", "ts", cutoffs.Raw), ("text_samples", "ts", cutoffs.Raw), ("rollups_1m", "bucket", cutoffs.Minute),
                         ("rollups_1h", "bucket", cutoffs.Hour),
                     })
            {
                if (cutoff is { } before)
                {
                    // Per tag, so each delete is a range of the (tag, time) key rather than a scan of the table.
                    await using var command = writer.CreateCommand();
                    command.Transaction = tx;
                    command.CommandText = $"DELETE FROM {table} WHERE tag_id IN (SELECT id FROM tags) AND {column} < $c;";
                    command.Parameters.AddWithValue("$c", before);
                    deleted += await command.ExecuteNonQueryAsync(cancellationToken);
                }
            }

            if (cutoffs.Events is { } eventsBefore)
            {
                await using var command = writer.CreateCommand();
                command.Transaction = tx;
                command.CommandText = "DELETE FROM events WHERE ts < $c;";
                command.Parameters.AddWithValue("$c", eventsBefore);
                deleted += await command.ExecuteNonQueryAsync(cancellationToken);
            }

            await tx.CommitAsync(cancellationToken);
        }
        finally
        {
            _writeLock.Release();
        }

        return new RetentionReport(deleted, []);
    }

    public async Task<StorageReport> StorageAsync(CancellationToken cancellationToken)
    {
        var parts = new Dictionary<string, long>(StringComparer.Ordinal);
        foreach (var suffix in new[] { "", "-wal", "-shm" })
        {
            var file = new FileInfo(Path + suffix);
            parts[$"file{suffix}"] = file.Exists ? file.Length : 0;
        }

        var tags = await TagsAsync(cancellationToken);
        return new StorageReport(Kind, parts.Values.Sum(), tags.Count, parts, []);
    }
}

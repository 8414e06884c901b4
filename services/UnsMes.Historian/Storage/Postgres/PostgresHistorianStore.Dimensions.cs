using System.Globalization;
using Npgsql;
using UnsMes.Historian.Model;

namespace UnsMes.Historian.Storage.Postgres;

/// <summary>The tag dimension and the day partitions: cached here, created when a batch needs them.</summary>
internal sealed partial class PostgresHistorianStore
{
    private async Task EnsurePartitionsAsync(NpgsqlConnection connection, NpgsqlTransaction tx, IReadOnlyList<HistoryPoint> points, CancellationToken cancellationToken)
    {
        foreach (var (day, text) in points.Select(p => (Floor(p.Ts, DayMs), p.Kind == TagKind.Text)).Distinct())
        {
            var table = text ? "text_samples" : "samples";
            var name = PartitionName(table, day);
            bool known;
            lock (_tagsLock)
            {
                known = _partitions.Contains(name);
            }

            if (!known)
            {
                await ExecuteAsync(connection, tx, $"CREATE TABLE IF NOT EXISTS {name} PARTITION OF {table} FOR VALUES FROM ({day}) TO ({day + DayMs});", cancellationToken);
                lock (_tagsLock)
                {
                    _partitions.Add(name);
                }
            }
        }
    }

    internal static string PartitionName(string table, long day) =>
        $"{table}_{DateTimeOffset.FromUnixTimeMilliseconds(day).UtcDateTime.ToString("yyyyMMdd", CultureInfo.InvariantCulture)}";

    private async Task<Dictionary<string, TagInfo>> EnsureTagsAsync(NpgsqlConnection connection, NpgsqlTransaction tx, IReadOnlyList<HistoryPoint> points, CancellationToken cancellationToken)
    {
        Dictionary<string, TagInfo> known;
        lock (_tagsLock)
        {
            known = new Dictionary<string, TagInfo>(_tags, StringComparer.Ordinal);
        }

        var missing = points.Where(p => !known.ContainsKey(p.Tag)).DistinctBy(p => p.Tag).ToList();
        if (missing.Count == 0)
        {
            return known;
        }

        await using var command = new NpgsqlCommand(
            """
            INSERT INTO tags (name, kind, unit, created_ts) SELECT * FROM unnest(@n, @k, @u, @c) ON CONFLICT (name) DO NOTHING;
            SELECT id, name, kind, unit FROM tags WHERE name = ANY(@n);
            """, connection, tx);
        command.Parameters.AddWithValue("n", missing.Select(p => p.Tag).ToArray());
        command.Parameters.AddWithValue("k", missing.Select(p => (short)p.Kind).ToArray());
        command.Parameters.AddWithValue("u", missing.Select(p => p.Unit).ToArray());
        command.Parameters.AddWithValue("c", missing.Select(p => p.ReceivedTs).ToArray());
        await using (var reader = await command.ExecuteReaderAsync(cancellationToken))
        {
            while (await reader.ReadAsync(cancellationToken))
            {
                var tag = new TagInfo(reader.GetInt32(0), reader.GetString(1), (TagKind)reader.GetInt16(2), reader.GetString(3));
                known[tag.Name] = tag;
            }
        }

        // Tags become visible to others only after commit; a rolled-back batch adds them again next time.
        return known;
    }

    private async Task ReloadTagsAsync(CancellationToken cancellationToken)
    {
        await using var connection = await _dataSource.OpenConnectionAsync(cancellationToken);
        await using var command = new NpgsqlCommand("SELECT id, name, kind, unit FROM tags;", connection);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        var loaded = new List<TagInfo>();
        while (await reader.ReadAsync(cancellationToken))
        {
            loaded.Add(new TagInfo(reader.GetInt32(0), reader.GetString(1), (TagKind)reader.GetInt16(2), reader.GetString(3)));
        }

        lock (_tagsLock)
        {
            _tags.Clear();
            foreach (var tag in loaded)
            {
                _tags[tag.Name] = tag;
            }
        }
    }

    private async Task ReloadPartitionsAsync(NpgsqlConnection connection, CancellationToken cancellationToken)
    {
        var names = await PartitionsAsync(connection, cancellationToken);
        lock (_tagsLock)
        {
            _partitions.Clear();
            _partitions.UnionWith(names);
        }
    }

    private static async Task<List<string>> PartitionsAsync(NpgsqlConnection connection, CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand(
            "SELECT c.relname FROM pg_inherits i JOIN pg_class c ON c.oid = i.inhrelid JOIN pg_class p ON p.oid = i.inhparent WHERE p.relname IN ('samples', 'text_samples') ORDER BY c.relname;",
            connection);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        var names = new List<string>();
        while (await reader.ReadAsync(cancellationToken))
        {
            names.Add(reader.GetString(0));
        }

        return names;
    }
}

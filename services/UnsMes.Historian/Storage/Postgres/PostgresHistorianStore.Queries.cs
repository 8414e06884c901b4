using Npgsql;
using UnsMes.Historian.Model;
using UnsMes.Uns.Payloads;

namespace UnsMes.Historian.Storage.Postgres;

internal sealed partial class PostgresHistorianStore
{
    public async Task<IReadOnlyList<HistoryPoint>> RawAsync(TagInfo tag, long from, long until, int limit, CancellationToken cancellationToken)
    {
        await using var connection = await _dataSource.OpenConnectionAsync(cancellationToken);
        await using var command = new NpgsqlCommand(
            $"SELECT ts, value, quality, historical, received_ts FROM {Table(tag)} WHERE tag_id = @t AND ts >= @f AND ts < @to ORDER BY ts LIMIT @l;", connection);
        command.Parameters.AddWithValue("t", tag.Id);
        command.Parameters.AddWithValue("f", from);
        command.Parameters.AddWithValue("to", until);
        command.Parameters.AddWithValue("l", limit);
        return await ReadPointsAsync(command, tag, cancellationToken);
    }

    public async Task<long> CountAsync(TagInfo tag, long from, long until, CancellationToken cancellationToken)
    {
        await using var connection = await _dataSource.OpenConnectionAsync(cancellationToken);
        await using var command = new NpgsqlCommand($"SELECT COUNT(*) FROM {Table(tag)} WHERE tag_id = @t AND ts >= @f AND ts < @to;", connection);
        command.Parameters.AddWithValue("t", tag.Id);
        command.Parameters.AddWithValue("f", from);
        command.Parameters.AddWithValue("to", until);
        return (long)(await command.ExecuteScalarAsync(cancellationToken))!;
    }

    public async Task<HistoryPoint?> LatestAsync(TagInfo tag, CancellationToken cancellationToken)
    {
        await using var connection = await _dataSource.OpenConnectionAsync(cancellationToken);
        await using var command = new NpgsqlCommand(
            $"SELECT ts, value, quality, historical, received_ts FROM {Table(tag)} WHERE tag_id = @t ORDER BY ts DESC LIMIT 1;", connection);
        command.Parameters.AddWithValue("t", tag.Id);
        var points = await ReadPointsAsync(command, tag, cancellationToken);
        return points.Count == 0 ? null : points[0];
    }

    public async Task<IReadOnlyList<Segment>> SegmentsAsync(TagInfo tag, Resolution resolution, long from, long until, CancellationToken cancellationToken)
    {
        await using var connection = await _dataSource.OpenConnectionAsync(cancellationToken);
        var sql = resolution == Resolution.Raw
            ? "SELECT ts, value FROM samples WHERE tag_id = @t AND ts >= @f AND ts < @to ORDER BY ts;"
            : $"SELECT first_ts, first, last_ts, last, count, sum, min, max, inner_integral FROM {RollupTable(resolution)} WHERE tag_id = @t AND bucket >= @f AND bucket < @to ORDER BY bucket;";
        await using var command = new NpgsqlCommand(sql, connection);
        command.Parameters.AddWithValue("t", tag.Id);
        command.Parameters.AddWithValue("f", from);
        command.Parameters.AddWithValue("to", until);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        var segments = new List<Segment>();
        while (await reader.ReadAsync(cancellationToken))
        {
            segments.Add(resolution == Resolution.Raw
                ? Segment.Sample(reader.GetInt64(0), reader.GetDouble(1))
                : new Segment(reader.GetInt64(0), reader.GetDouble(1), reader.GetInt64(2), reader.GetDouble(3), reader.GetInt64(4), reader.GetDouble(5), reader.GetDouble(6), reader.GetDouble(7), reader.GetDouble(8)));
        }

        return segments;
    }

    public async Task<IReadOnlyList<HistoryEvent>> EventsAsync(string? type, string? path, long from, long until, int limit, CancellationToken cancellationToken)
    {
        await using var connection = await _dataSource.OpenConnectionAsync(cancellationToken);
        await using var command = new NpgsqlCommand(
            """
            SELECT id, path, type, ts, received_ts, historical, json::text FROM events
            WHERE ts >= @f AND ts < @to AND (@type::text IS NULL OR type = @type::text)
              AND (@path::text IS NULL OR path = @path::text OR path LIKE @prefix::text)
            ORDER BY ts, id LIMIT @l;
            """, connection);
        command.Parameters.AddWithValue("f", from);
        command.Parameters.AddWithValue("to", until);
        command.Parameters.AddWithValue("type", (object?)type ?? DBNull.Value);
        command.Parameters.AddWithValue("path", (object?)path ?? DBNull.Value);
        command.Parameters.AddWithValue("prefix", path is null ? DBNull.Value : EscapeLike(path) + "/%");
        command.Parameters.AddWithValue("l", limit);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        var events = new List<HistoryEvent>();
        while (await reader.ReadAsync(cancellationToken))
        {
            events.Add(new HistoryEvent(reader.GetInt64(0), reader.GetString(1), reader.GetString(2), reader.GetInt64(3), reader.GetInt64(4), reader.GetBoolean(5), reader.GetString(6)));
        }

        return events;
    }

    private static string EscapeLike(string text) =>
        text.Replace("\\", "\\\\", StringComparison.Ordinal).Replace("%", "\\%", StringComparison.Ordinal).Replace("_", "\\_", StringComparison.Ordinal);

    private static async Task<IReadOnlyList<HistoryPoint>> ReadPointsAsync(NpgsqlCommand command, TagInfo tag, CancellationToken cancellationToken)
    {
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        var points = new List<HistoryPoint>();
        while (await reader.ReadAsync(cancellationToken))
        {
            var text = tag.Kind == TagKind.Text ? reader.GetString(1) : null;
            var number = tag.Kind == TagKind.Text ? 0 : reader.GetDouble(1);
            points.Add(new HistoryPoint(tag.Name, reader.GetInt64(0), reader.GetInt64(4), tag.Kind, number, text, (Quality)reader.GetInt16(2), reader.GetBoolean(3), tag.Unit));
        }

        return points;
    }

    private static string Table(TagInfo tag) => tag.Kind == TagKind.Text ? "text_samples" : "samples";

    private static string RollupTable(Resolution resolution) => resolution == Resolution.Hour ? "rollups_1h" : "rollups_1m";
}

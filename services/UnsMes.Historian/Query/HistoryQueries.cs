using Microsoft.Extensions.Options;
using UnsMes.Historian.Model;
using UnsMes.Historian.Storage;
using UnsMes.Uns.Topics;

namespace UnsMes.Historian.Query;

/// <summary>
/// Reads history for the API and exports: finds tags by name or MQTT filter, and plans aggregate queries so long
/// ranges read the minute or hour rollups (up to their watermark, raw beyond it) instead of every raw value.
/// </summary>
public sealed class HistoryQueries(IHistorianStore store, IOptions<HistorianOptions> options, TimeProvider time)
{
    private readonly HistorianOptions _options = options.Value;

    public IHistorianStore Store => store;

    public async Task<IReadOnlyList<TagInfo>> BrowseAsync(string filter, CancellationToken cancellationToken) =>
        [.. (await store.TagsAsync(cancellationToken)).Where(t => TopicFilter.Matches(filter, t.Name)).OrderBy(t => t.Name, StringComparer.Ordinal)];

    public async Task<TagInfo?> FindAsync(string name, CancellationToken cancellationToken) =>
        (await store.TagsAsync(cancellationToken)).FirstOrDefault(t => t.Name == name);

    /// <summary>Picks the coarsest source that answers the buckets exactly: rollups need whole-minute (hour)
    /// buckets starting on a minute (hour), and are only worth it for long ranges.</summary>
    public Resolution ChooseResolution(long from, long to, long bucketMs)
    {
        var hours = (to - from) / 3_600_000.0;
        foreach (var resolution in new[] { Resolution.Hour, Resolution.Minute })
        {
            var step = resolution.Milliseconds();
            var above = resolution == Resolution.Hour ? _options.HourRollupAboveHours : _options.MinuteRollupAboveHours;
            if (hours > above && bucketMs % step == 0 && from % step == 0)
            {
                return resolution;
            }
        }

        return Resolution.Raw;
    }

    public async Task<(Resolution Source, List<AggregateBucket> Buckets)> AggregateAsync(TagInfo tag, long from, long to, long bucketMs, Resolution? source, CancellationToken cancellationToken)
    {
        var resolution = source ?? ChooseResolution(from, to, bucketMs);
        var segments = await SegmentsAsync(tag, resolution, from, to, cancellationToken);
        var holdUntil = Math.Min(to, time.GetUtcNow().ToUnixTimeMilliseconds());
        return (resolution, BucketAggregator.Aggregate(segments, from, to, bucketMs, holdUntil));
    }

    /// <summary>Segments of a range from a resolution up to its watermark, the finer sources after it.</summary>
    public async Task<List<Segment>> SegmentsAsync(TagInfo tag, Resolution resolution, long from, long to, CancellationToken cancellationToken)
    {
        if (resolution == Resolution.Raw)
        {
            return [.. await store.SegmentsAsync(tag, Resolution.Raw, from, to, cancellationToken)];
        }

        var watermark = await store.WatermarkAsync(resolution, cancellationToken) ?? from;
        var split = Math.Clamp(watermark, from, to);
        var segments = new List<Segment>(await store.SegmentsAsync(tag, resolution, from, split, cancellationToken));
        if (split < to)
        {
            segments.AddRange(await SegmentsAsync(tag, resolution == Resolution.Hour ? Resolution.Minute : Resolution.Raw, split, to, cancellationToken));
        }

        return segments;
    }
}

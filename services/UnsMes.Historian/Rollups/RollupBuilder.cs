using UnsMes.Historian.Model;
using UnsMes.Historian.Storage;

namespace UnsMes.Historian.Rollups;

/// <summary>
/// Brings the minute rollups up to a point in time from raw values, then the hour rollups from the minute rollups.
/// Rows are replaced, never added to, so running it again over the same range (after late values moved the
/// watermark back) gives the same rows.
/// </summary>
public sealed class RollupBuilder(IHistorianStore store)
{
    /// <summary>Rolls up everything before <paramref name="until"/> (floored to whole minutes and hours).</summary>
    public async Task<int> RollUpAsync(long until, CancellationToken cancellationToken)
    {
        var rows = await RollUpAsync(Resolution.Minute, Resolution.Raw, until, cancellationToken);
        var minuteWatermark = await store.WatermarkAsync(Resolution.Minute, cancellationToken) ?? until;
        rows += await RollUpAsync(Resolution.Hour, Resolution.Minute, Math.Min(until, minuteWatermark), cancellationToken);
        return rows;
    }

    private async Task<int> RollUpAsync(Resolution target, Resolution source, long until, CancellationToken cancellationToken)
    {
        var step = target.Milliseconds();
        var end = until - (((until % step) + step) % step);
        if (await store.WatermarkAsync(target, cancellationToken) is not { } start || start >= end)
        {
            return 0;
        }

        var rows = new List<RollupRow>();
        foreach (var tag in (await store.TagsAsync(cancellationToken)).Where(t => t.Kind != TagKind.Text))
        {
            RollupRow? current = null;
            foreach (var segment in await store.SegmentsAsync(tag, source, start, end, cancellationToken))
            {
                var bucket = segment.FirstTs - (((segment.FirstTs % step) + step) % step);
                if (current is { } row && row.BucketStart == bucket)
                {
                    current = row with { Segment = row.Segment.Then(segment) };
                    continue;
                }

                if (current is { } done)
                {
                    rows.Add(done);
                }

                current = new RollupRow(tag.Id, bucket, segment);
            }

            if (current is { } last)
            {
                rows.Add(last);
            }
        }

        await store.WriteRollupsAsync(target, rows, start, end, cancellationToken);
        return rows.Count;
    }
}

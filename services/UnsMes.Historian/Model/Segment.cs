namespace UnsMes.Historian.Model;

/// <summary>
/// A run of numeric samples of one tag summarized: one raw sample (first = last, inner integral 0) or one rollup row
/// (a minute or an hour). Aggregation works on segments, so raw data and rollups give the same answers, including
/// the time-weighted average: <see cref="InnerIntegral"/> is the value held (step) from the first to the last sample,
/// in value·ms.
/// </summary>
public readonly record struct Segment(long FirstTs, double First, long LastTs, double Last, long Count, double Sum, double Min, double Max, double InnerIntegral)
{
    public static Segment Sample(long ts, double value) => new(ts, value, ts, value, 1, value, value, value, 0);

    /// <summary>This segment followed by a later one (no other samples between them).</summary>
    public Segment Then(Segment next) => new(
        FirstTs,
        First,
        next.LastTs,
        next.Last,
        Count + next.Count,
        Sum + next.Sum,
        Math.Min(Min, next.Min),
        Math.Max(Max, next.Max),
        InnerIntegral + (Last * (next.FirstTs - LastTs)) + next.InnerIntegral);
}

/// <summary>A rollup row: the segment of one tag in one bucket of a resolution (minute or hour).</summary>
public readonly record struct RollupRow(int TagId, long BucketStart, Segment Segment);

/// <summary>Aggregates of one time bucket. Null figures: no sample in the bucket (the time-weighted average may still
/// be set when an earlier value holds into it).</summary>
public sealed record AggregateBucket(long Start, long Count, double? Avg, double? Min, double? Max, double? First, double? Last, double? TimeWeightedAvg);

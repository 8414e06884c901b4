using UnsMes.Historian.Model;

namespace UnsMes.Historian.Query;

/// <summary>
/// Folds segments (raw samples or rollup rows, oldest first) into fixed time buckets. The time-weighted average holds
/// each value until the next one (step), from the first value of the range on; a value also holds into the following
/// empty buckets, and the last one holds until <c>holdUntil</c> (the range end, or now if earlier).
/// </summary>
internal static class BucketAggregator
{
    public static List<AggregateBucket> Aggregate(IEnumerable<Segment> segments, long from, long to, long bucketMs, long holdUntil)
    {
        var count = (int)((to - from + bucketMs - 1) / bucketMs);
        var inBucket = new Segment?[count];
        foreach (var segment in segments)
        {
            if (segment.FirstTs < from || segment.FirstTs >= to)
            {
                continue;
            }

            var index = (int)((segment.FirstTs - from) / bucketMs);
            inBucket[index] = inBucket[index] is { } existing ? existing.Then(segment) : segment;
        }

        var buckets = new List<AggregateBucket>(count);
        double? held = null;
        for (var i = 0; i < count; i++)
        {
            var start = from + (i * bucketMs);
            var end = Math.Min(Math.Min(start + bucketMs, to), Math.Max(holdUntil, start));
            double integral = 0;
            double covered = 0;
            if (inBucket[i] is { } s)
            {
                if (held is { } before)
                {
                    integral += before * (s.FirstTs - start);
                    covered += s.FirstTs - start;
                }

                integral += s.InnerIntegral + (s.Last * Math.Max(0, end - s.LastTs));
                covered += (s.LastTs - s.FirstTs) + Math.Max(0, end - s.LastTs);
                held = s.Last;
                var twa = covered > 0 ? integral / covered : s.Last;
                buckets.Add(new AggregateBucket(start, s.Count, s.Sum / s.Count, s.Min, s.Max, s.First, s.Last, twa));
            }
            else
            {
                buckets.Add(new AggregateBucket(start, 0, null, null, null, null, null, end > start ? held : null));
            }
        }

        return buckets;
    }
}

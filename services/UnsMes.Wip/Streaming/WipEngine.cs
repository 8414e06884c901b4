using UnsMes.Uns.Payloads;
using UnsMes.Wip.Domain;

namespace UnsMes.Wip.Streaming;

/// <summary>The tracker behind a lock: messages change it one at a time while the API reads consistent figures.</summary>
internal sealed class WipEngine(WipTracker tracker, TimeProvider time)
{
    private static readonly TimeSpan QuietAfter = TimeSpan.FromSeconds(30);
    private readonly Lock _gate = new();
    private long _lastChangeAt = time.GetTimestamp();

    public T Read<T>(Func<WipTracker, T> read)
    {
        lock (_gate)
        {
            return read(tracker);
        }
    }

    public string? Apply(Func<WipTracker, string?> change)
    {
        lock (_gate)
        {
            _lastChangeAt = time.GetTimestamp();
            return change(tracker);
        }
    }

    /// <summary>
    /// "Now" for dwell times, rates and ETAs: event time (the newest input's timestamp) while data flows, so a plant
    /// replaying hours of history at accelerated speed is measured in its own time; the wall clock once the plant has
    /// been quiet for a while, so a stopped line's dwell times keep growing.
    /// </summary>
    public long Now()
    {
        var wall = UnsTime.Now(time);
        lock (_gate)
        {
            var mark = tracker.State.WatermarkMs;
            return mark > 0 && time.GetElapsedTime(_lastChangeAt) < QuietAfter ? Math.Min(mark, wall) : wall;
        }
    }
}

using UnsMes.Uns.Topics;

namespace UnsMes.Oee.Domain;

/// <summary>
/// Everything the calculator knows about one machine: its state timeline (change points of the kept history, each
/// with what it booked), how far its time is booked, its counter, its tallies per window and its open and recent
/// downtime episodes.
/// </summary>
internal sealed class MachineAccount(IsaPath cell)
{
    public IsaPath Cell { get; } = cell;

    /// <summary>State segments in time order; each runs to the next one's start, the last to <see cref="BookedUntilMs"/>.</summary>
    public List<StateSegment> Segments { get; } = [];

    public long BookedUntilMs { get; set; }

    public ProductionCounter Counter { get; set; } = new();

    /// <summary>The ideal cycle time of the last counter reading: this machine's part in its line's bottleneck.</summary>
    public double? LatestIdealCycleTimeS { get; set; }

    public Dictionary<WindowKey, WindowTally> Tallies { get; } = [];

    public Dictionary<string, DowntimeEpisode> Episodes { get; } = new(StringComparer.Ordinal);

    public long EndOf(int index) => index + 1 < Segments.Count ? Segments[index + 1].StartMs : BookedUntilMs;

    /// <summary>Index of the last segment starting at or before the instant, or -1 when all start later.</summary>
    public int IndexAtOrBefore(long atMs)
    {
        int low = 0, high = Segments.Count - 1, found = -1;
        while (low <= high)
        {
            var middle = low + ((high - low) / 2);
            if (Segments[middle].StartMs <= atMs)
            {
                found = middle;
                low = middle + 1;
            }
            else
            {
                high = middle - 1;
            }
        }

        return found;
    }

    public WindowTally Tally(WindowKey key)
    {
        if (!Tallies.TryGetValue(key, out var tally))
        {
            tally = new WindowTally();
            Tallies[key] = tally;
        }

        return tally;
    }

    /// <summary>
    /// Drops segments that ended before the cutoff (keeping the one in force at it, which a late change may still
    /// split) with their episodes; their bookings stay in the tallies.
    /// </summary>
    public void ForgetBefore(long cutoffMs)
    {
        var drop = 0;
        while (drop + 1 < Segments.Count && Segments[drop + 1].StartMs <= cutoffMs)
        {
            Episodes.Remove(DowntimeEpisode.IdFor(Cell, Segments[drop].StartMs));
            drop++;
        }

        Segments.RemoveRange(0, drop);
    }

    /// <summary>
    /// Drops the tallies of forgotten windows and what kept segments booked into them: a work-order id seen again
    /// later opens a new window under the same key, which must not be charged with the old one's bookings.
    /// </summary>
    public void ForgetWindows(IReadOnlyCollection<WindowKey> gone)
    {
        if (gone.Count == 0)
        {
            return;
        }

        var forgotten = gone.ToHashSet();
        foreach (var key in forgotten)
        {
            Tallies.Remove(key);
        }

        foreach (var segment in Segments)
        {
            segment.Booked.RemoveAll(entry => forgotten.Contains(entry.Window));
        }
    }
}

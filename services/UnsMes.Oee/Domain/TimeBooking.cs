namespace UnsMes.Oee.Domain;

/// <summary>
/// Books state segments into window tallies. A segment that changes is booked anew: what it booked into open windows
/// is taken back and its current figures booked, so a late change costs a few segments, never a rescan. Closed
/// windows keep what they had: their figures are final.
/// </summary>
internal sealed class TimeBooking(WindowCalendar calendar, WindowRegistry windows, long microStopThresholdMs)
{
    /// <summary>Books the segment anew. <paramref name="keepOpen"/> is a window to treat as open while its end is being set.</summary>
    public void Rebook(MachineAccount account, int index, List<OeeNotice> notices, WindowKey? keepOpen = null)
    {
        var segment = account.Segments[index];
        var end = account.EndOf(index);
        var timeClass = TimeClass.Of(segment, end - segment.StartMs, microStopThresholdMs);
        var fresh = Entries(segment.StartMs, end, timeClass, segment.Report.WorkOrderId);

        var kept = new List<LedgerEntry>();
        foreach (var old in segment.Booked)
        {
            if (IsFinal(old.Window, keepOpen))
            {
                kept.Add(old);
            }
            else
            {
                account.Tally(old.Window).Book(old, -1);
            }
        }

        foreach (var entry in fresh.Where(e => !IsFinal(e.Window, keepOpen)))
        {
            account.Tally(entry.Window).Book(entry, +1);
            Merge(kept, entry);
        }

        segment.Booked = kept;
        EpisodeTracker.Refresh(account, index, microStopThresholdMs, notices);
    }

    /// <summary>
    /// Books the machine's last segment up to <paramref name="untilMs"/>. While its class stays the same only the new
    /// stretch is booked; when a stop passes the threshold all of it is booked anew as an availability loss.
    /// </summary>
    public void Extend(MachineAccount account, long untilMs, List<OeeNotice> notices)
    {
        var before = account.BookedUntilMs;
        if (untilMs <= before)
        {
            return;
        }

        account.BookedUntilMs = untilMs;
        if (account.Segments.Count == 0)
        {
            return;
        }

        var index = account.Segments.Count - 1;
        var segment = account.Segments[index];
        var classBefore = TimeClass.Of(segment, before - segment.StartMs, microStopThresholdMs);
        var classNow = TimeClass.Of(segment, untilMs - segment.StartMs, microStopThresholdMs);
        if (classBefore != classNow)
        {
            Rebook(account, index, notices);
            return;
        }

        foreach (var entry in Entries(Math.Max(before, segment.StartMs), untilMs, classNow, segment.Report.WorkOrderId))
        {
            if (!windows.IsClosed(entry.Window))
            {
                account.Tally(entry.Window).Book(entry, +1);
                Merge(segment.Booked, entry);
            }
        }

        // A setup or a stop may have just passed the threshold and become an episode.
        EpisodeTracker.Refresh(account, index, microStopThresholdMs, notices);
    }

    /// <summary>The entries a stretch of one class books: cut where an hour, day, shift, break or work order changes.</summary>
    private List<LedgerEntry> Entries(long fromMs, long toMs, TimeClass timeClass, string? workOrderId)
    {
        var entries = new List<LedgerEntry>();
        if (toMs <= fromMs)
        {
            return entries;
        }

        var workOrder = workOrderId is null ? null : windows.WorkOrder(workOrderId, fromMs);
        var cuts = calendar.BoundariesBetween(fromMs, toMs);
        if (workOrder?.EndMs is { } workOrderEnd && workOrderEnd > fromMs && workOrderEnd < toMs)
        {
            cuts.Add(workOrderEnd);
            cuts.Sort();
        }

        cuts.Add(toMs);
        var sliceStart = fromMs;
        foreach (var cut in cuts)
        {
            BookSlice(entries, sliceStart, cut, timeClass, workOrder);
            sliceStart = cut;
        }

        return entries;
    }

    private void BookSlice(List<LedgerEntry> entries, long fromMs, long toMs, TimeClass timeClass, OeeWindow? workOrder)
    {
        // Running always counts (outside the shifts it is overtime); any other state counts only when production was planned.
        var category = timeClass.Category == TimeCategory.Running || (timeClass.Category != TimeCategory.Excluded && calendar.IsPlanned(fromMs))
            ? timeClass.Category
            : TimeCategory.Excluded;

        foreach (var window in WindowsAt(fromMs, workOrder))
        {
            windows.Touch(window, fromMs);
            if (category != TimeCategory.Excluded)
            {
                Merge(entries, new LedgerEntry(window.Key, category, timeClass.Reason, toMs - fromMs));
            }
        }
    }

    /// <summary>The windows an instant belongs to: its hour, day and shift, and the work order's window if it had not ended.</summary>
    public IEnumerable<OeeWindow> WindowsAt(long atMs, string? workOrderId) =>
        WindowsAt(atMs, workOrderId is null ? null : windows.WorkOrder(workOrderId, atMs));

    private IEnumerable<OeeWindow> WindowsAt(long atMs, OeeWindow? workOrder)
    {
        yield return WindowCalendar.HourOf(atMs);
        yield return WindowCalendar.DayOf(atMs);
        if (calendar.ShiftOf(atMs) is { } shift)
        {
            yield return shift;
        }

        if (workOrder is not null && (workOrder.EndMs is not { } end || atMs < end))
        {
            yield return workOrder;
        }
    }

    private bool IsFinal(WindowKey window, WindowKey? keepOpen) => window != keepOpen && windows.IsClosed(window);

    private static void Merge(List<LedgerEntry> entries, LedgerEntry entry)
    {
        var at = entries.FindIndex(e => e.SameBucket(entry));
        if (at < 0)
        {
            entries.Add(entry);
        }
        else
        {
            entries[at] = entries[at] with { Ms = entries[at].Ms + entry.Ms };
        }
    }
}

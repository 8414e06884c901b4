using UnsMes.Uns.Payloads;

namespace UnsMes.Oee.Domain;

/// <summary>
/// Derives a segment's downtime episode from the segment as it stands and reports the difference to what was known
/// before, so every change (opened, closed, classified, withdrawn by late data) is published once.
/// </summary>
internal static class EpisodeTracker
{
    public static void Refresh(MachineAccount account, int index, long microStopThresholdMs, List<OeeNotice> notices)
    {
        var segment = account.Segments[index];
        var id = DowntimeEpisode.IdFor(account.Cell, segment.StartMs);
        var isLast = index == account.Segments.Count - 1;
        var end = account.EndOf(index);
        var current = Derive(account, segment, isLast ? null : end, end - segment.StartMs, microStopThresholdMs);
        account.Episodes.TryGetValue(id, out var known);
        if (current == known)
        {
            return;
        }

        if (current is null)
        {
            account.Episodes.Remove(id);
            notices.Add(new DowntimeNotice(known!, DowntimeChange.Withdrawn));
            return;
        }

        account.Episodes[id] = current;
        var change = known is null ? DowntimeChange.Opened
            : known.EndMs is null && current.EndMs is not null ? DowntimeChange.Closed
            : DowntimeChange.Updated;
        notices.Add(new DowntimeNotice(current, change));
    }

    /// <summary>The episode the segment makes, or null when it is running, offline or a stop too short to count.</summary>
    public static DowntimeEpisode? Derive(MachineAccount account, StateSegment segment, long? endMs, long durationMs, long microStopThresholdMs)
    {
        var state = segment.Report.State;
        var isStop = state is MachineState.Down or MachineState.Setup or MachineState.Idle or MachineState.Starved or MachineState.Blocked;
        if (state != MachineState.PlannedStop && !(isStop && durationMs >= microStopThresholdMs))
        {
            return null;
        }

        var reason = segment.LossReason;
        return new DowntimeEpisode(
            DowntimeEpisode.IdFor(account.Cell, segment.StartMs),
            account.Cell,
            state,
            segment.StartMs,
            endMs,
            reason,
            segment.ReasonText,
            Classified: !string.Equals(reason, MachineStatePayload.Unclassified, StringComparison.Ordinal),
            Planned: state == MachineState.PlannedStop,
            segment.Report.WorkOrderId,
            segment.Report.ProductId);
    }
}

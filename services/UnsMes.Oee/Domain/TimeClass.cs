using UnsMes.Uns.Payloads;

namespace UnsMes.Oee.Domain;

/// <summary>How one state segment is booked: a category, and for availability losses the reason.</summary>
internal readonly record struct TimeClass(TimeCategory Category, string? Reason)
{
    public const string Offline = "offline";

    /// <summary>
    /// The rule of docs/oee.md. The duration decides between micro-stop and availability loss; for a stop still in
    /// progress it is the duration so far, so the stop is a micro-stop until it passes the threshold.
    /// </summary>
    public static TimeClass Of(StateSegment segment, long durationMs, long microStopThresholdMs)
    {
        var state = segment.Report.State;
        if (state is MachineState.Down or MachineState.Idle or MachineState.Starved or MachineState.Blocked
            && durationMs < microStopThresholdMs)
        {
            return new TimeClass(TimeCategory.MicroStop, null);
        }

        return state switch
        {
            MachineState.Running => new TimeClass(TimeCategory.Running, null),
            MachineState.PlannedStop => new TimeClass(TimeCategory.Excluded, null),
            MachineState.Setup => new TimeClass(TimeCategory.Setup, null),
            MachineState.Offline => new TimeClass(TimeCategory.Availability, Offline),
            _ => new TimeClass(TimeCategory.Availability, segment.LossReason),
        };
    }
}

using UnsMes.Uns.Payloads;

namespace UnsMes.Oee.Domain;

/// <summary>
/// A machine's time from one state change to the next (or to now, for the last one): the reported change, the
/// reason an operator gave later, and the entries it booked into windows.
/// </summary>
internal sealed class StateSegment(MachineStateChange report, long startMs)
{
    public MachineStateChange Report { get; private set; } = report;

    /// <summary>Where booking starts: the reported since, unless that lay in a window already final (see <see cref="StateStartMovedNotice"/>).</summary>
    public long StartMs { get; } = startMs;

    /// <summary>The reason an operator gave; it wins over the machine's.</summary>
    public string? OperatorReasonCode { get; set; }

    public string? OperatorReasonText { get; set; }

    public List<LedgerEntry> Booked { get; set; } = [];

    /// <summary>
    /// Why the machine stood still: the operator's reason, else for down, setup and planned stops the reported reason
    /// ("unclassified" when none), and for idle, starved and blocked the state itself.
    /// </summary>
    public string LossReason => OperatorReasonCode ?? Report.State switch
    {
        MachineState.Idle => "idle",
        MachineState.Starved => "starved",
        MachineState.Blocked => "blocked",
        _ => string.IsNullOrEmpty(Report.ReasonCode) ? MachineStatePayload.Unclassified : Report.ReasonCode,
    };

    public string? ReasonText => OperatorReasonText ?? Report.ReasonText;

    /// <summary>A new report for the same instant replaces this one; an operator's reason survives only if the state did.</summary>
    public void Replace(MachineStateChange report)
    {
        if (report.State != Report.State)
        {
            OperatorReasonCode = null;
            OperatorReasonText = null;
        }

        Report = report;
    }
}

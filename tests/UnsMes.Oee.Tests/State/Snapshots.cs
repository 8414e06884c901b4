using UnsMes.Oee.Domain;
using UnsMes.Oee.Tests.Domain;
using UnsMes.Uns.Payloads;
using static UnsMes.Oee.Tests.Domain.Plant;

namespace UnsMes.Oee.Tests.State;

/// <summary>A snapshot with something in it: a press that ran, stopped and counted during a work order.</summary>
internal static class Snapshots
{
    public static OeeSnapshot MidShift()
    {
        var oee = new OeeCalculator(Calendars.DayShiftWithBreak);
        oee.State(Press, "06:00", MachineState.Running, workOrder: "WO-1");
        oee.Count(Press, "06:00", 0, 0, 2.0, "WO-1");
        oee.State(Press, "07:00", MachineState.Down, MachineStatePayload.Unclassified, "WO-1");
        oee.State(Press, "07:25", MachineState.Running, workOrder: "WO-1");
        oee.Count(Press, "07:59:59", 3_000, 12, 2.0, "WO-1");
        oee.Advance("08:00");
        return oee.Snapshot();
    }
}

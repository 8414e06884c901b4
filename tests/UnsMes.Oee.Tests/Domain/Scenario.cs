using System.Globalization;
using UnsMes.Oee.Domain;
using UnsMes.Uns.Calendar;
using UnsMes.Uns.Payloads;
using UnsMes.Uns.Topics;

namespace UnsMes.Oee.Tests.Domain;

/// <summary>
/// A generated plant day: raw steps (a kind and a few numbers) that <see cref="Operations"/> turns into concrete,
/// valid inputs for three machines on two lines in two areas. Late states, stale and reset counters,
/// classifications and work-order ends included; some of them the calculator may refuse, which is fine.
/// </summary>
public sealed record Scenario(int CalendarIndex, IReadOnlyList<ScenarioStep> Steps)
{
    public static readonly IsaPath[] Machines =
    [
        IsaPath.CellOf("acme", "dayton", "stamping", "line3", "press01"),
        IsaPath.CellOf("acme", "dayton", "stamping", "line3", "press02"),
        IsaPath.CellOf("acme", "dayton", "assembly", "line1", "asm01"),
    ];

    private static readonly ShiftCalendar[] CalendarChoices = [ShiftCalendar.AroundTheClock, Calendars.DayShiftWithBreak, Calendars.TwoShifts, Calendars.ThreeShifts];
    private static readonly long Start = PlantTime.At("05:00");

    public ShiftCalendar Calendar => CalendarChoices[CalendarIndex % CalendarChoices.Length];

    /// <summary>The concrete inputs, in order; the same steps always give the same inputs.</summary>
    public IReadOnlyList<ScenarioOperation> Operations()
    {
        var operations = new List<ScenarioOperation>();
        var now = Start;
        var counters = new (long Good, long Scrap)[Machines.Length];
        foreach (var step in Steps)
        {
            now += step.GapS * 1000L;
            var machine = Machines[step.Machine % Machines.Length];
            var earlier = Math.Max(Start, now - (step.LateS * 1000L));
            var workOrder = step.WorkOrder == 0 ? null : $"WO-{step.WorkOrder}";
            var idealCycleTimeS = step.IctTenths / 10.0;
            ref var counter = ref counters[step.Machine % Machines.Length];
            switch (step.Kind)
            {
                case ScenarioStepKind.State:
                    operations.Add(new StateOperation(machine, new MachineStateChange(now, step.State, now, ReasonFor(step), WorkOrderId: workOrder)));
                    break;
                case ScenarioStepKind.ShortStop:
                    // A stop of 1 to 180 s: around the micro-stop threshold of 120 s.
                    var stop = step.State is MachineState.Down or MachineState.Idle or MachineState.Starved or MachineState.Blocked ? step.State : MachineState.Down;
                    operations.Add(new StateOperation(machine, new MachineStateChange(now, stop, now, ReasonFor(step with { State = stop }), WorkOrderId: workOrder)));
                    now += (1 + (step.LateS % 180)) * 1000L;
                    operations.Add(new StateOperation(machine, new MachineStateChange(now, MachineState.Running, now, WorkOrderId: workOrder)));
                    break;
                case ScenarioStepKind.LateState:
                    operations.Add(new StateOperation(machine, new MachineStateChange(now, step.State, earlier, ReasonFor(step), WorkOrderId: workOrder)));
                    break;
                case ScenarioStepKind.Count:
                    counter = (counter.Good + step.Good, counter.Scrap + step.Scrap);
                    operations.Add(new CountOperation(machine, new CounterReading(now, counter.Good, counter.Scrap, idealCycleTimeS, workOrder)));
                    break;
                case ScenarioStepKind.ResetCount:
                    counter = (step.Good % 100, 0);
                    operations.Add(new CountOperation(machine, new CounterReading(now, counter.Good, counter.Scrap, idealCycleTimeS, workOrder)));
                    break;
                case ScenarioStepKind.StaleCount:
                    operations.Add(new CountOperation(machine, new CounterReading(earlier, counter.Good / 2, counter.Scrap / 2, idealCycleTimeS, workOrder)));
                    break;
                case ScenarioStepKind.Classify:
                    operations.Add(new ClassifyOperation(machine, step.Good, step.Reason % 2 == 0 ? "jam" : "material_shortage"));
                    break;
                case ScenarioStepKind.EndWorkOrder:
                    operations.Add(new EndWorkOrderOperation($"WO-{1 + (step.WorkOrder % 2)}", earlier));
                    break;
                default:
                    operations.Add(new AdvanceOperation(now));
                    break;
            }
        }

        operations.Add(new AdvanceOperation(now + (2 * 3_600_000L)));
        return operations;
    }

    public override string ToString() =>
        $"calendar {CalendarIndex % CalendarChoices.Length}:{Environment.NewLine}  " + string.Join($"{Environment.NewLine}  ", Operations());

    private static string? ReasonFor(ScenarioStep step) =>
        step.State is MachineState.Down or MachineState.Setup or MachineState.PlannedStop
            ? step.Reason switch { 0 => "jam", 1 => MachineStatePayload.Unclassified, _ => step.State == MachineState.Down ? null : "break" }
            : null;
}

public enum ScenarioStepKind
{
    State,
    ShortStop,
    LateState,
    Count,
    ResetCount,
    StaleCount,
    Advance,
    Classify,
    EndWorkOrder,
}

public sealed record ScenarioStep(ScenarioStepKind Kind, int Machine, int GapS, MachineState State, int Reason, int Good, int Scrap, int IctTenths, int LateS, int WorkOrder);

/// <summary>One concrete input to a calculator; <see cref="Apply"/> feeds it and returns the answer.</summary>
public abstract record ScenarioOperation
{
    public abstract OeeOutcome Apply(OeeCalculator oee);
}

public sealed record StateOperation(IsaPath Cell, MachineStateChange Change) : ScenarioOperation
{
    public override OeeOutcome Apply(OeeCalculator oee) => oee.RecordState(Cell, Change);

    public override string ToString() =>
        $"state {Cell.Cell} {Change.State} since {Clock(Change.SinceMs)} read {Clock(Change.Ts)} {Change.ReasonCode} {Change.WorkOrderId}";

    internal static string Clock(long ms) =>
        DateTimeOffset.FromUnixTimeMilliseconds(ms).ToString("dd HH:mm:ss", CultureInfo.InvariantCulture);
}

public sealed record CountOperation(IsaPath Cell, CounterReading Reading) : ScenarioOperation
{
    public override OeeOutcome Apply(OeeCalculator oee) => oee.RecordCount(Cell, Reading);

    public override string ToString() =>
        $"count {Cell.Cell} at {StateOperation.Clock(Reading.Ts)} good {Reading.Good} scrap {Reading.Scrap} ict {Reading.IdealCycleTimeS} {Reading.WorkOrderId}";
}

public sealed record AdvanceOperation(long ToMs) : ScenarioOperation
{
    public override OeeOutcome Apply(OeeCalculator oee) => oee.AdvanceTo(ToMs);

    public override string ToString() => $"advance to {StateOperation.Clock(ToMs)}";
}

/// <summary>Classifies the machine's <see cref="Pick"/>-th known episode (modulo how many there are), if any.</summary>
public sealed record ClassifyOperation(IsaPath Cell, int Pick, string ReasonCode) : ScenarioOperation
{
    public override OeeOutcome Apply(OeeCalculator oee)
    {
        var episodes = oee.Episodes(Cell);
        return episodes.Count == 0
            ? new OeeOutcome(null, [])
            : oee.ClassifyDowntime(Cell, episodes[Pick % episodes.Count].EpisodeId, ReasonCode);
    }

    public override string ToString() => $"classify {Cell.Cell} episode #{Pick} as {ReasonCode}";
}

public sealed record EndWorkOrderOperation(string WorkOrderId, long EndMs) : ScenarioOperation
{
    public override OeeOutcome Apply(OeeCalculator oee) => oee.EndWorkOrder(WorkOrderId, EndMs);

    public override string ToString() => $"end {WorkOrderId} at {StateOperation.Clock(EndMs)}";
}

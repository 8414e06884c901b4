using UnsMes.Oee.Domain;
using UnsMes.Uns.Payloads;
using UnsMes.Uns.Topics;

namespace UnsMes.Oee.Tests.Domain;

/// <summary>The test plant's paths, and short steps that feed a calculator and insist the input was taken.</summary>
internal static class Plant
{
    public static readonly IsaPath Site = IsaPath.SiteOf("acme", "dayton");
    public static readonly IsaPath Stamping = Site.Child("stamping");
    public static readonly IsaPath Line3 = Stamping.Child("line3");
    public static readonly IsaPath Press = Line3.Child("press07");

    public static WindowKey ShiftA => new(WindowKind.Shift, "2026-11-23/A");
    public static WindowKey ShiftB => new(WindowKind.Shift, "2026-11-23/B");
    public static WindowKey Today => new(WindowKind.Day, "2026-11-23");

    public static WindowKey Hour(int hour) => new(WindowKind.Hour, $"2026-11-23T{hour:00}");

    public static OeeOutcome State(this OeeCalculator calculator, IsaPath cell, string since, MachineState state, string? reason = null, string? workOrder = null, int days = 0) =>
        Taken(calculator.RecordState(cell, new MachineStateChange(PlantTime.At(since, days), state, PlantTime.At(since, days), reason, WorkOrderId: workOrder)));

    /// <summary>A state change reported late: it happened at <paramref name="since"/> and was read at <paramref name="readAt"/>.</summary>
    public static OeeOutcome LateState(this OeeCalculator calculator, IsaPath cell, string since, string readAt, MachineState state, string? reason = null) =>
        Taken(calculator.RecordState(cell, new MachineStateChange(PlantTime.At(readAt), state, PlantTime.At(since), reason)));

    public static OeeOutcome Count(this OeeCalculator calculator, IsaPath cell, string at, long good, long scrap, double idealCycleTimeS, string? workOrder = null, int days = 0) =>
        Taken(calculator.RecordCount(cell, new CounterReading(PlantTime.At(at, days), good, scrap, idealCycleTimeS, workOrder)));

    public static OeeOutcome Advance(this OeeCalculator calculator, string to, int days = 0) =>
        Taken(calculator.AdvanceTo(PlantTime.At(to, days)));

    public static OeeResult Figures(this OeeCalculator calculator, IsaPath scope, WindowKey window) =>
        calculator.Result(scope, window) ?? throw new AssertionException($"no figures for {scope} over {window}");

    private static OeeOutcome Taken(OeeOutcome outcome)
    {
        Assert.That(outcome.Accepted, Is.True, () => $"refused: {outcome.Refusal}");
        return outcome;
    }
}

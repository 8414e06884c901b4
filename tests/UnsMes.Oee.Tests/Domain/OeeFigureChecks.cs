using System.Globalization;
using UnsMes.Oee.Domain;
using UnsMes.Uns.Topics;

namespace UnsMes.Oee.Tests.Domain;

/// <summary>Runs scenarios and states what must hold for every figure a calculator can give.</summary>
internal static class OeeFigureChecks
{
    public static (OeeCalculator Calculator, List<OeeOutcome> Outcomes) Run(Scenario scenario, IEnumerable<ScenarioOperation>? operations = null, OeeCalculator? calculator = null)
    {
        var oee = calculator ?? new OeeCalculator(scenario.Calendar);
        var outcomes = (operations ?? scenario.Operations()).Select(operation => operation.Apply(oee)).ToList();
        return (oee, outcomes);
    }

    public static IEnumerable<OeeResult> AllFigures(OeeCalculator oee) =>
        from window in oee.Windows
        from scope in oee.Scopes
        select oee.Result(scope, window.Key)!;

    /// <summary>The rules of docs/oee.md every result obeys; empty when all hold.</summary>
    public static List<string> Violations(OeeCalculator oee)
    {
        var problems = new List<string>();
        foreach (var r in AllFigures(oee))
        {
            var where = $"{r.Scope} {r.Window.Key}";
            if (r.Availability is < 0 or > 1 || r.Quality is < 0 or > 1 || r.Performance < 0)
            {
                problems.Add($"{where}: A={r.Availability} P={r.Performance} Q={r.Quality}");
            }

            if (Math.Abs(r.AccountedTimeS - r.PlannedBusyTimeS) > 1e-6)
            {
                problems.Add($"{where}: losses + fully productive = {r.AccountedTimeS} s, PBT = {r.PlannedBusyTimeS} s");
            }

            if (Math.Abs(r.Oee - (r.Availability * r.Performance * r.Quality)) > 1e-12 || r.RunTimeS > r.PlannedBusyTimeS)
            {
                problems.Add($"{where}: OEE {r.Oee}, run {r.RunTimeS} of {r.PlannedBusyTimeS}");
            }

            // One machine (a cell, or a line through its output) cannot have more planned time than the window lasts.
            if (r.Scope.Level >= IsaLevel.Line && r.Window.EndMs is { } end && r.PlannedBusyTimeS > (end - r.Window.StartMs) / 1000.0)
            {
                problems.Add($"{where}: PBT {r.PlannedBusyTimeS} s in a window of {(end - r.Window.StartMs) / 1000.0} s");
            }

            if (r.Losses.AvailabilityByReasonS.Values.Any(s => s <= 0) || r.Losses.SetupS < 0 || r.Losses.MicroStopS < 0 || r.Losses.QualityS < 0)
            {
                problems.Add($"{where}: a negative loss");
            }
        }

        return problems;
    }

    /// <summary>Every figure of every scope and window as text, to compare two calculators.</summary>
    public static string Describe(OeeCalculator oee) =>
        string.Join(Environment.NewLine, AllFigures(oee).Select(r => string.Create(CultureInfo.InvariantCulture,
            $"{r.Scope} {r.Window} closed={r.Closed} pbt={r.PlannedBusyTimeS:R} run={r.RunTimeS:R} good={r.GoodCount} total={r.TotalCount} ideal={r.IdealTimeS:R} " +
            $"A={r.Availability:R} P={r.Performance:R} Q={r.Quality:R} setup={r.Losses.SetupS:R} micro={r.Losses.MicroStopS:R} speed={r.Losses.SpeedS:R} " +
            $"quality={r.Losses.QualityS:R} {string.Join(",", r.Losses.AvailabilityByReasonS.Select(p => $"{p.Key}={p.Value:R}"))} product={r.ProductId}")));
}

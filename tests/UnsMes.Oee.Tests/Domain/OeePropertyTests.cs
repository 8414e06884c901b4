using FsCheck;
using FsCheck.Fluent;
using UnsMes.Oee.Domain;

namespace UnsMes.Oee.Tests.Domain;

// FsCheck supplies the parameters of [Property] methods; the NUnit analyzer only knows NUnit's own attributes.
#pragma warning disable NUnit1027

/// <summary>What holds for any valid sequence of states and counts, late and out of order included.</summary>
public class OeePropertyTests
{
    [FsCheck.NUnit.Property(Arbitrary = [typeof(ScenarioGenerators)], MaxTest = 300)]
    public Property Figures_AnyValidSequence_FactorsInRangeAndLossesAddUpToPlannedBusyTime(Scenario scenario)
    {
        var (oee, _) = OeeFigureChecks.Run(scenario);
        var problems = OeeFigureChecks.Violations(oee);
        return (problems.Count == 0).Label(string.Join(Environment.NewLine, problems.Take(5)));
    }

    [FsCheck.NUnit.Property(Arbitrary = [typeof(InOrderScenarioGenerators)], MaxTest = 200)]
    public Property Hours_InOrderSequence_AddUpToTheirDay(Scenario scenario)
    {
        var (oee, _) = OeeFigureChecks.Run(scenario);
        var problems = new List<string>();
        var days = oee.Windows.Where(w => w.Kind == WindowKind.Day && w.StartMs >= oee.WatermarkMs - TimeSpan.FromHours(47).TotalMilliseconds);
        foreach (var day in days)
        {
            var hours = oee.Windows.Where(w => w.Kind == WindowKind.Hour && w.StartMs >= day.StartMs && w.StartMs < day.EndMs).ToList();
            foreach (var scope in oee.Scopes)
            {
                var whole = oee.Result(scope, day.Key)!;
                var parts = hours.Select(h => oee.Result(scope, h.Key)!).ToList();
                if (Math.Abs(parts.Sum(p => p.PlannedBusyTimeS) - whole.PlannedBusyTimeS) > 1e-6
                    || Math.Abs(parts.Sum(p => p.RunTimeS) - whole.RunTimeS) > 1e-6
                    || parts.Sum(p => p.TotalCount) != whole.TotalCount)
                {
                    problems.Add($"{scope} {day.Id}: hours PBT {parts.Sum(p => p.PlannedBusyTimeS)} run {parts.Sum(p => p.RunTimeS)} units {parts.Sum(p => p.TotalCount)}, day {whole.PlannedBusyTimeS} {whole.RunTimeS} {whole.TotalCount}");
                }
            }
        }

        return (problems.Count == 0).Label(string.Join(Environment.NewLine, problems.Take(5)));
    }

    [FsCheck.NUnit.Property(Arbitrary = [typeof(ScenarioGenerators)], MaxTest = 100)]
    public Property Snapshot_TakenAnywhere_RestoredCalculatorGivesIdenticalFigures(Scenario scenario, NonNegativeInt split)
    {
        var operations = scenario.Operations();
        var at = split.Get % (operations.Count + 1);
        var (uninterrupted, outcomes) = OeeFigureChecks.Run(scenario, operations);

        var (first, _) = OeeFigureChecks.Run(scenario, operations.Take(at));
        var restored = OeeCalculator.Restore(OeeSnapshotJson.Read(OeeSnapshotJson.Write(first.Snapshot())), scenario.Calendar);
        var (continued, laterOutcomes) = OeeFigureChecks.Run(scenario, operations.Skip(at), restored);

        var sameNotices = outcomes.Skip(at).Zip(laterOutcomes).All(p => p.First.Refusal == p.Second.Refusal && p.First.Notices.SequenceEqual(p.Second.Notices));
        var sameFigures = OeeFigureChecks.Describe(uninterrupted) == OeeFigureChecks.Describe(continued);
        var sameState = OeeSnapshotJson.Write(uninterrupted.Snapshot()) == OeeSnapshotJson.Write(continued.Snapshot());
        return (sameNotices && sameFigures && sameState).Label($"split at {at}: notices {sameNotices}, figures {sameFigures}, state {sameState}");
    }
}

using FsCheck;
using FsCheck.Fluent;
using UnsMes.Uns.Payloads;

namespace UnsMes.Oee.Tests.Domain;

/// <summary>
/// FsCheck generators for <see cref="Scenario"/>: gaps from seconds (micro-stops) to hours (shift and day changes);
/// mostly states and counts.
/// </summary>
public static class ScenarioGenerators
{
    public static Arbitrary<Scenario> Scenario() => Arb.From(Scenarios(inOrder: false), Shrink);

    /// <summary>Scenarios without late, stale or classifying inputs and without work-order ends.</summary>
    public static Gen<Scenario> Scenarios(bool inOrder) =>
        from calendar in Gen.Choose(0, 3)
        from steps in Step(inOrder).ListOf()
        select new Scenario(calendar, [.. steps]);

    public static Gen<ScenarioStep> Step(bool inOrder) =>
        from kind in inOrder
            ? Gen.Frequency((30, Gen.Constant(ScenarioStepKind.State)), (10, Gen.Constant(ScenarioStepKind.ShortStop)), (35, Gen.Constant(ScenarioStepKind.Count)), (5, Gen.Constant(ScenarioStepKind.ResetCount)), (20, Gen.Constant(ScenarioStepKind.Advance)))
            : Gen.Frequency(
                (25, Gen.Constant(ScenarioStepKind.State)),
                (8, Gen.Constant(ScenarioStepKind.ShortStop)),
                (10, Gen.Constant(ScenarioStepKind.LateState)),
                (25, Gen.Constant(ScenarioStepKind.Count)),
                (5, Gen.Constant(ScenarioStepKind.ResetCount)),
                (5, Gen.Constant(ScenarioStepKind.StaleCount)),
                (12, Gen.Constant(ScenarioStepKind.Advance)),
                (5, Gen.Constant(ScenarioStepKind.Classify)),
                (5, Gen.Constant(ScenarioStepKind.EndWorkOrder)))
        from machine in Gen.Choose(0, 2)
        from gap in Gen.Frequency((35, Gen.Choose(0, 150)), (30, Gen.Choose(150, 900)), (25, Gen.Choose(900, 3_600)), (10, Gen.Choose(3_600, 14_400)))
        from state in Gen.Elements(Enum.GetValues<MachineState>())
        from reason in Gen.Choose(0, 2)
        from good in Gen.Choose(0, 2_000)
        from scrap in Gen.Choose(0, 50)
        from ict in Gen.Choose(5, 40)
        from late in Gen.Choose(1, 1_800)
        from workOrder in Gen.Choose(0, 2)
        select new ScenarioStep(kind, machine, gap, state, reason, good, scrap, ict, late, workOrder);

    // Shrinks by dropping the second half, the first half, then single steps: failures come down to a few inputs.
    private static IEnumerable<Scenario> Shrink(Scenario scenario)
    {
        var steps = scenario.Steps;
        if (steps.Count == 0)
        {
            yield break;
        }

        yield return scenario with { Steps = [.. steps.Take(steps.Count / 2)] };
        yield return scenario with { Steps = [.. steps.Skip(steps.Count / 2)] };
        for (var i = 0; i < steps.Count; i++)
        {
            yield return scenario with { Steps = [.. steps.Where((_, j) => j != i)] };
        }
    }
}

/// <summary>Only in-order scenarios, for invariants that late data may legitimately break in closed windows.</summary>
public static class InOrderScenarioGenerators
{
    public static Arbitrary<Scenario> Scenario() => Arb.From(ScenarioGenerators.Scenarios(inOrder: true));
}

using UnsMes.EdgePublisher.Model;

namespace UnsMes.EdgePublisher.Tests.Model;

public class PlantModelLoaderTests
{
    private const string Minimal = """
        enterprise: acme
        site: dayton
        machineTypes:
          press:
            idealCycleTimeS: 10
            faults:
              - { reason: jam, mtbfMinutes: 60, mttrMinutes: 2 }
            tags:
              - { name: force, unit: kN, nominal: 50, low: 10, high: 90 }
        areas:
          - name: stamping
            lines:
              - name: line1
                machines:
                  - { name: press01, type: press, operation: op10 }
        """;

    [Test]
    public void Load_DemoPlant_HasThreeMachiningLinesAndARollingMill()
    {
        var plant = PlantModelSource.Load(null, ".");

        Assert.Multiple(() =>
        {
            Assert.That(plant.SitePath.ToString(), Is.EqualTo("acme/dayton"));
            Assert.That(plant.Lines.Select(l => l.Name), Is.EqualTo(new[] { "line1", "line2", "line3", "mill1" }));
            Assert.That(plant.Lines.Where(l => !l.Continuous).Sum(l => l.Machines.Count), Is.EqualTo(22));
            Assert.That(plant.Lines.Single(l => l.Continuous).Unit, Is.EqualTo("m"));
            Assert.That(plant.Shifts.Shifts, Has.Count.EqualTo(3));
            Assert.That(plant.Machines.First().Path.ToString(), Is.EqualTo("acme/dayton/machining/line1/saw01"));
        });
    }

    [Test]
    public void Load_MinimalModel_MachineTakesItsTypesBehaviour()
    {
        var machine = PlantModelLoader.Load(Minimal, "plant.yaml").Machines.Single();

        Assert.Multiple(() =>
        {
            Assert.That(machine.IdealCycleTimeS, Is.EqualTo(10));
            Assert.That(machine.Faults.Single().Reason, Is.EqualTo("jam"));
            Assert.That(machine.Tags.Single().Unit, Is.EqualTo("kN"));
        });
    }

    [Test]
    public void Load_NegativeCycleTime_NamesFileLineAndField()
    {
        var yaml = Minimal.Replace("{ name: press01, type: press, operation: op10 }", "{ name: press01, type: press, operation: op10, idealCycleTimeS: -3 }", StringComparison.Ordinal);

        var failure = Assert.Throws<PlantModelException>(() => PlantModelLoader.Load(yaml, "plant.yaml"));

        // The machine is on line 15 of the model (counted by hand); the value sits in that line's flow mapping.
        Assert.That(failure!.Problems.Single(), Does.StartWith("plant.yaml:15:").And.Contains("areas[0].lines[0].machines[0].idealCycleTimeS: -3 is outside [0.001, 86400]"));
    }

    [Test]
    public void Load_SeveralMistakes_ReportsThemAllAtOnce()
    {
        var yaml = Minimal
            .Replace("type: press, operation", "type: presss, operation", StringComparison.Ordinal)
            .Replace("site: dayton", "site: day ton\nsiet: x", StringComparison.Ordinal);

        var failure = Assert.Throws<PlantModelException>(() => PlantModelLoader.Load(yaml, "plant.yaml"));

        Assert.Multiple(() =>
        {
            Assert.That(failure!.Problems, Has.Some.Contains("plant.site: 'day ton' contains 'space'"));
            Assert.That(failure.Problems, Has.Some.Contains("unknown field 'siet'"));
            Assert.That(failure.Problems, Has.Some.Contains("machine type 'presss' is not defined under machineTypes (press)"));
            Assert.That(failure.Message, Does.StartWith("The plant model plant.yaml has 3 problem(s):"));
        });
    }

    [Test]
    public void Load_BrokenYaml_SaysWhereTheSyntaxBreaks()
    {
        var failure = Assert.Throws<PlantModelException>(() => PlantModelLoader.Load("enterprise: acme\nsite: [dayton\n", "plant.yaml"));

        Assert.That(failure!.Problems.Single(), Does.StartWith("plant.yaml:").And.Contains("not valid YAML"));
    }

    [Test]
    public void Load_PrecursorThatIsNoTag_IsRefused()
    {
        var yaml = Minimal.Replace("{ reason: jam, mtbfMinutes: 60, mttrMinutes: 2 }", "{ reason: jam, mtbfMinutes: 60, mttrMinutes: 2, precursor: vibration }", StringComparison.Ordinal);

        var failure = Assert.Throws<PlantModelException>(() => PlantModelLoader.Load(yaml, "plant.yaml"));

        Assert.That(failure!.Problems.Single(), Does.Contain("precursor 'vibration' is not one of this machine type's tags (force)"));
    }

    [Test]
    public void Load_DuplicateMachineNames_IsRefused()
    {
        var yaml = Minimal + "\n          - { name: press01, type: press, operation: op20 }";

        var failure = Assert.Throws<PlantModelException>(() => PlantModelLoader.Load(yaml, "plant.yaml"));

        Assert.That(failure!.Problems.Single(), Does.Contain("'press01' appears 2 times"));
    }
}

using UnsMes.Uns.Calendar;
using UnsMes.EdgePublisher.Model;
using UnsMes.EdgePublisher.Simulation;
using UnsMes.Uns.Payloads;

namespace UnsMes.EdgePublisher.Tests.Simulation;

public class PlantSimulatorTests
{
    [Test]
    public void Simulation_SameSeedAndStart_ProducesTheSameEvents()
    {
        var model = PlantModelSource.Load(null, ".");
        var first = new PlantSimulator(model, TestPlants.Start).AdvanceTo(TestPlants.Start.AddHours(2));
        var second = new PlantSimulator(model, TestPlants.Start).AdvanceTo(TestPlants.Start.AddHours(2));

        Assert.That(second.Select(Describe), Is.EqualTo(first.Select(Describe)));
        Assert.That(first.OfType<StateChange>().Count(), Is.GreaterThan(24), "two hours of a 24-machine plant should change states");
    }

    [Test]
    public void Simulation_OtherSeed_ProducesOtherEvents()
    {
        var model = PlantModelSource.Load(null, ".");
        var first = new PlantSimulator(model, TestPlants.Start).AdvanceTo(TestPlants.Start.AddHours(2));
        var other = new PlantSimulator(model with { Seed = model.Seed + 1 }, TestPlants.Start).AdvanceTo(TestPlants.Start.AddHours(2));

        Assert.That(other.Select(Describe), Is.Not.EqualTo(first.Select(Describe)));
    }

    [Test]
    public void Counts_OverAnEightHourShift_StayWithinTheIdealCycleTime()
    {
        // Two machines, 10 s ideal cycle, no faults: the last machine can make at most 8 h / 10 s = 2880 parts.
        // Real machines run slower than ideal (up to 20 % here) and stop briefly (minor stops, a few percent).
        var model = TestPlants.TwoMachineLine();
        var plant = new PlantSimulator(model, TestPlants.Start);
        plant.AdvanceTo(TestPlants.Start.AddHours(8));

        var last = plant.Snapshot(model.Machines.Last().Path);
        Assert.That(last.Good + last.Scrap, Is.InRange(2880 / 1.2 * 0.93, 2880));
    }

    [Test]
    public void Downstream_StoppedLong_FillsTheBufferAndBlocksUpstream()
    {
        var model = TestPlants.TwoMachineLine(bufferCapacity: 5);
        var (m1, m2) = (model.Machines.First().Path, model.Machines.Last().Path);
        var plant = new PlantSimulator(model, TestPlants.Start);
        plant.AdvanceTo(TestPlants.Start.AddMinutes(1));

        var stop = plant.ForceStop(m2, "jam", "Jam at the outfeed", TimeSpan.FromHours(1));
        plant.AdvanceTo(TestPlants.Start.AddMinutes(30));

        Assert.Multiple(() =>
        {
            Assert.That(stop.OfType<StateChange>().Single().State.ReasonCode, Is.EqualTo("jam"));
            Assert.That(plant.Snapshot(m2).State, Is.EqualTo(MachineState.Down));
            Assert.That(plant.Snapshot(m1).State, Is.EqualTo(MachineState.Blocked));
            Assert.That(plant.BufferLevels(model.Lines.Single().Path).Last(), Is.EqualTo(5));
        });
    }

    [Test]
    public void Upstream_StoppedLong_StarvesDownstream()
    {
        var model = TestPlants.TwoMachineLine(bufferCapacity: 5);
        var (m1, m2) = (model.Machines.First().Path, model.Machines.Last().Path);
        var plant = new PlantSimulator(model, TestPlants.Start);
        plant.AdvanceTo(TestPlants.Start.AddMinutes(1));

        plant.ForceStop(m1, "material_shortage", "Bar stock empty", TimeSpan.FromHours(1));
        var changes = plant.AdvanceTo(TestPlants.Start.AddMinutes(30));

        Assert.Multiple(() =>
        {
            Assert.That(plant.Snapshot(m2).State, Is.EqualTo(MachineState.Starved));
            Assert.That(plant.BufferLevels(model.Lines.Single().Path).Last(), Is.Zero);
            Assert.That(changes.OfType<StateChange>().Any(c => c.Machine.Path.Equals(m2) && c.State.State == MachineState.Starved), Is.True);
        });
    }

    [Test]
    public void Fault_Strikes_MachineGoesDownWithItsReasonAndComesBack()
    {
        var model = TestPlants.FaultyMachine(mtbfMinutes: 20, mttrMinutes: 2);
        var plant = new PlantSimulator(model, TestPlants.Start);

        var states = plant.AdvanceTo(TestPlants.Start.AddHours(4)).OfType<StateChange>().Select(c => c.State).ToList();

        var faults = states.Where(s => s.State == MachineState.Down && s.ReasonCode == "spindle_fault").ToList();
        Assert.Multiple(() =>
        {
            // About 4 h / (20 min running + 2 min repair) = 11 faults are expected; a seed may give fewer or more.
            Assert.That(faults, Has.Count.InRange(4, 25));
            Assert.That(faults.All(f => f.ReasonText == "Spindle bearing failure"), Is.True);
            Assert.That(states.SkipWhile(s => s.ReasonCode != "spindle_fault").Any(s => s.State == MachineState.Running), Is.True);
        });
    }

    [Test]
    public void Vibration_BeforeAPrecursorFault_RisesAboveNormal()
    {
        var model = TestPlants.FaultyMachine(mtbfMinutes: 60, mttrMinutes: 2);
        var plant = new PlantSimulator(model, TestPlants.Start);
        var changes = plant.AdvanceTo(TestPlants.Start.AddHours(6));

        var firstFault = changes.OfType<StateChange>().First(c => c.State.ReasonCode == "spindle_fault").State.Ts;
        var vibration = changes.OfType<TagSample>().Where(t => t.Tag.Name == "vibration" && t.Ts < firstFault).ToList();
        var justBefore = vibration.Where(t => t.Ts >= firstFault - 60_000).Average(t => t.Value);
        var longBefore = vibration.Where(t => t.Ts < firstFault - (20 * 60_000)).Select(t => t.Value).DefaultIfEmpty(2).Average();

        // Nominal 2 mm/s; in the last minute of the 10-minute warning window it is near 2 + 0.85 * (7 - 2) = 6.25.
        Assert.That(justBefore, Is.GreaterThan(longBefore + 3));
    }

    [Test]
    public void Break_InTheShiftCalendar_IsAPlannedStopWithItsName()
    {
        const string shifts = """
            shifts:
              - name: A
                start: "00:00"
                end: "08:00"
                breaks:
                  - { name: coffee, start: "01:00", minutes: 15 }
            """;
        var model = TestPlants.TwoMachineLine(shifts: shifts);
        var plant = new PlantSimulator(model, TestPlants.Start);

        plant.AdvanceTo(TestPlants.Start.AddMinutes(65));
        var inBreak = plant.Snapshot(model.Machines.First().Path);
        plant.AdvanceTo(TestPlants.Start.AddHours(9));
        var afterShift = plant.Snapshot(model.Machines.First().Path);

        Assert.Multiple(() =>
        {
            Assert.That((inBreak.State, inBreak.ReasonCode), Is.EqualTo((MachineState.PlannedStop, "break")));
            Assert.That((afterShift.State, afterShift.ReasonCode), Is.EqualTo((MachineState.PlannedStop, "no_shift")));
        });
    }

    [Test]
    public void Dispatch_OfAnotherProduct_StartsAChangeover()
    {
        var model = PlantModelSource.Load(null, ".");
        var line1 = model.Lines.First();
        var plant = new PlantSimulator(model, TestPlants.Start);
        plant.Dispatch(line1.Path, new DispatchedOrder("WO-1", "FLANGE-80", 100, "pcs", 40));
        plant.AdvanceTo(TestPlants.Start.AddMinutes(5));

        plant.Dispatch(line1.Path, new DispatchedOrder("WO-2", "FLANGE-100", 100, "pcs", 50));
        var changes = plant.AdvanceTo(TestPlants.Start.AddMinutes(6));

        var setups = changes.OfType<StateChange>().Where(c => c.State.State == MachineState.Setup).ToList();
        Assert.Multiple(() =>
        {
            Assert.That(setups.Select(s => s.State.ReasonCode).Distinct(), Is.EqualTo(new[] { "changeover" }));
            Assert.That(setups.Select(s => s.State.WorkOrderId).Distinct(), Is.EqualTo(new[] { "WO-2" }));
        });
    }

    private static string Describe(SimulationChange change) => change switch
    {
        StateChange s => $"{s.Machine.Name} {s.State.Ts} {s.State.State} {s.State.ReasonCode}",
        CountChange c => $"{c.Machine.Name} {c.Count.Ts} {c.Count.Good}/{c.Count.Scrap}",
        TagSample t => $"{t.Machine.Name} {t.Ts} {t.Tag.Name} {t.Value:R}",
        _ => change.ToString(),
    };
}

using UnsMes.Uns.Payloads;
using UnsMes.Wip.Domain;

namespace UnsMes.Wip.Tests.Domain;

public class ConsumptionAndLaborTests
{
    [Test]
    public void LoadedLot_UnitsTakeTheBomQuantityFromIt_AndTheNextLotTakesOverWhenItIsUsedUp()
    {
        var floor = new Floor().Release(Floor.Linear("WO1", 10)).Start("m1");
        floor.Note(floor.Tracker.LoadMaterial(Floor.Cell("m1"), "steel", "L1", 5, "kg", Floor.At(1)));
        floor.Note(floor.Tracker.LoadMaterial(Floor.Cell("m1"), "steel", "L2", 100, "kg", Floor.At(2)));

        floor.Make("m1", 10, good: 3);

        var materials = floor.Tracker.State.Orders["WO1"].Materials.Values.ToDictionary(m => m.LotId!, m => m.Quantity);
        var serialsOfL2 = floor.Outputs.Genealogy.OfType<UnitMaterial>().Where(m => m.LotId == "L2").Select(m => m.Serial);
        Assert.Multiple(() =>
        {
            Assert.That(materials, Is.EqualTo(new Dictionary<string, double> { ["L1"] = 5, ["L2"] = 2.5 }));
            Assert.That(serialsOfL2, Is.EqualTo(new[] { "WO1-00003" }));
        });
    }

    [Test]
    public void MeasuredConsumption_ReplacesTheBomBooking_AndTheVarianceIsAgainstGoodUnits()
    {
        var floor = new Floor().Release(Floor.Order("WO1", 10, ("op10", "m1", 10))).Start("m1");
        floor.Make("m1", 10, good: 1);
        floor.Note(floor.Tracker.OnMaterialConsumed(Floor.Cell("m1"), new Dictionary<string, string> { ["materialId"] = "steel", ["quantity"] = "3.1" }, Floor.At(11)));
        floor.Make("m1", 20, good: 1).Make("m1", 30, good: 0, scrap: 1);
        floor.Note(floor.Tracker.OnMaterialConsumed(Floor.Cell("m1"), new Dictionary<string, string> { ["materialId"] = "steel", ["quantity"] = "2.9" }, Floor.At(21)));
        floor.Note(floor.Tracker.OnMaterialConsumed(Floor.Cell("m1"), new Dictionary<string, string> { ["materialId"] = "steel", ["quantity"] = "3.0" }, Floor.At(31)));

        var variance = ConsumptionVariance.Of(floor.Tracker.State.Orders["WO1"]).Single();

        // The first unit was booked from the BOM (2.5) before the machine began to measure; then 3.1 + 2.9 + 3.0 measured.
        Assert.Multiple(() =>
        {
            Assert.That(variance.ActualQuantity, Is.EqualTo(11.5).Within(1e-9));
            Assert.That(variance.BomQuantity, Is.EqualTo(5.0));
            Assert.That(variance.Variance, Is.EqualTo(6.5).Within(1e-9));
            Assert.That(variance.VariancePct, Is.EqualTo(130));
            Assert.That(floor.Problems, Is.Empty);
        });
    }

    [Test]
    public void Labor_LoginToLogout_IsBookedToTheOrderAndOperationTheMachineWorksOn()
    {
        var floor = new Floor().Release(Floor.Linear("WO1", 100)).Start("m1", "m2");
        floor.Note(floor.Tracker.Login(Floor.Cell("m2"), "e1", Floor.At(0)));
        floor.Make("m1", 10, good: 2).Make("m2", 60, good: 1);

        floor.Note(floor.Tracker.Logout(Floor.Cell("m2"), "e1", Floor.At(3660)));

        var labor = floor.Published<LaborPayload>().Single();
        Assert.Multiple(() =>
        {
            // Before m2's first count it worked on no known order: that time is not booked.
            Assert.That(labor.Start, Is.EqualTo(Floor.At(60)));
            Assert.That(labor.End, Is.EqualTo(Floor.At(3660)));
            Assert.That(labor.Operation, Is.EqualTo("op20"));
            Assert.That(labor.Hours, Is.EqualTo(1.0));
            Assert.That(floor.Tracker.State.Orders["WO1"].LaborHours["e1|op20"], Is.EqualTo(1.0));
        });
    }

    [Test]
    public void Labor_MachineSwitchesOrders_SplitsTheTimeWhereItSwitched()
    {
        var floor = new Floor().Release(Floor.Order("WO1", 100, ("op10", "m1", 10))).Release(Floor.Order("WO2", 100, ("op10", "m1", 10))).Start("m1");
        floor.Make("m1", 0, good: 1, workOrderId: "WO1");
        floor.Note(floor.Tracker.Login(Floor.Cell("m1"), "e1", Floor.At(0)));

        floor.Make("m1", 1800, good: 1, workOrderId: "WO2").Note(floor.Tracker.Logout(Floor.Cell("m1"), "e1", Floor.At(2700)));

        var hours = floor.Published<LaborPayload>().ToDictionary(l => l.WorkOrderId, l => l.Hours);
        Assert.That(hours, Is.EqualTo(new Dictionary<string, double> { ["WO1"] = 0.5, ["WO2"] = 0.25 }));
    }

    [Test]
    public void Genealogy_UnitPassingTheLine_RecordsEveryOperationMachineAndOperator()
    {
        var floor = new Floor().Release(Floor.Linear("WO1", 10)).Start("m1", "m2", "m3");
        floor.Note(floor.Tracker.Login(Floor.Cell("m2"), "e1", Floor.At(0)));
        floor.Make("m1", 10, good: 1).Make("m2", 20, good: 1).Make("m3", 30, good: 1);

        var passes = floor.Outputs.Genealogy.OfType<UnitOperation>().Where(o => o.Serial == "WO1-00001").ToList();
        Assert.Multiple(() =>
        {
            Assert.That(passes.Select(p => p.Operation), Is.EqualTo(new[] { "op10", "op20", "op30" }));
            Assert.That(passes[1].Operators, Is.EqualTo("e1"));
            Assert.That(passes[1].EnteredMs, Is.EqualTo(Floor.At(10)));
            Assert.That(floor.Outputs.Genealogy.OfType<UnitFinished>().Single().Good, Is.True);
        });
    }
}

using UnsMes.Uns.Payloads;

namespace UnsMes.Wip.Tests.Domain;

public class LinearRoutingTests
{
    [Test]
    public void Counts_UnitsMoveOperationToOperation_WaitingDoneAndDwellMatchAHandCount()
    {
        var floor = new Floor().Release(Floor.Linear("WO1", 100)).Start("m1", "m2", "m3");
        foreach (var t in new[] { 10, 20, 30, 40, 50 })
        {
            floor.Make("m1", t, good: 1);
        }

        floor.Make("m2", 60, good: 2);

        // op20 still holds the units that arrived at 30, 40 and 50 s; op30 the two that left op20 at 60 s.
        var op20 = floor.Wip("op20", 100);
        var op30 = floor.Wip("op30", 100);
        Assert.Multiple(() =>
        {
            Assert.That(floor.Wip("op10", 100).Done, Is.EqualTo(5));
            Assert.That(op20.Waiting, Is.EqualTo(3));
            Assert.That(op20.Done, Is.EqualTo(2));
            Assert.That(op20.OldestDwellS, Is.EqualTo(70));
            Assert.That(op20.AverageDwellS, Is.EqualTo(60));
            Assert.That(op30.Waiting, Is.EqualTo(2));
            Assert.That(op30.OldestDwellS, Is.EqualTo(40));
            Assert.That(floor.Problems, Is.Empty);
        });
    }

    [Test]
    public void Counts_RunningMachine_HoldsOneWaitingUnitInProcess()
    {
        var floor = new Floor().Release(Floor.Linear("WO1", 100)).Start("m1", "m2", "m3");
        floor.Make("m1", 10, good: 3).Running("m2", 15);

        var op20 = floor.Wip("op20", 20);

        Assert.Multiple(() =>
        {
            Assert.That(op20.InProcess, Is.EqualTo(1));
            Assert.That(op20.Waiting, Is.EqualTo(2));
        });
    }

    [Test]
    public void Counts_QuantityReached_CompletesWithOperationConsumptionAndScrapRecords()
    {
        var floor = new Floor().Release(Floor.Linear("WO1", 3)).Start("m1", "m2", "m3");
        floor.Make("m1", 10, good: 3).Make("m2", 20, good: 3).Make("m3", 30, good: 2, scrap: 1, reason: "burr");
        Assert.That(floor.Published<CompletionPayload>(), Is.Empty, "2 good of 3 is not complete");

        floor.Make("m1", 40, good: 1).Make("m2", 50, good: 1).Make("m3", 60, good: 1);

        var completion = floor.Published<CompletionPayload>().Single();
        var operations = floor.Published<OperationCompletionPayload>().ToDictionary(o => o.Operation);
        var steel = floor.Published<ConsumptionPayload>().Single();
        var bom = completion.MaterialActuals.Single();
        Assert.Multiple(() =>
        {
            Assert.That(completion.Good, Is.EqualTo(3));
            Assert.That(completion.Scrap, Is.EqualTo(1));
            Assert.That(completion.ScrapByReason, Is.EqualTo(new Dictionary<string, double> { ["burr"] = 1 }));
            Assert.That(completion.MessageId, Is.EqualTo("WO1-completion"));
            Assert.That(completion.End, Is.EqualTo(Floor.At(60)));
            Assert.That(operations["op10"].Good, Is.EqualTo(4));
            Assert.That(operations["op30"].Good, Is.EqualTo(3));
            Assert.That(operations["op30"].Scrap, Is.EqualTo(1));
            Assert.That(operations.Values.All(o => o.Final), Is.True);
            // Four units started, each took 2.5 kg at the first operation; the BOM allows 2.5 kg for each of 3 good.
            Assert.That(steel.Quantity, Is.EqualTo(10));
            Assert.That(bom.Quantity, Is.EqualTo(10));
            Assert.That(bom.BomQuantity, Is.EqualTo(7.5));
            Assert.That(floor.Tracker.State.Orders["WO1"].Status, Is.EqualTo(WorkOrderStatus.Completed));
            Assert.That(floor.Tracker.DispatchQueue(Floor.LinePath), Is.Empty);
        });
    }

    [Test]
    public void Counts_LineSwitchesOrders_DownstreamFinishesTheOldOrdersUnitsFirst()
    {
        var floor = new Floor().Release(Floor.Linear("WO1", 10)).Release(Floor.Linear("WO2", 10)).Start("m1", "m2", "m3");
        floor.Make("m1", 10, good: 2, workOrderId: "WO1").Make("m1", 20, good: 2, workOrderId: "WO2");

        // The machine is told it now runs WO2, but the two WO1 parts in front of it come out first.
        floor.Make("m2", 30, good: 3, workOrderId: "WO2");

        var orders = floor.Tracker.State.Orders;
        Assert.Multiple(() =>
        {
            Assert.That(orders["WO1"].Operations["op20"].Good, Is.EqualTo(2));
            Assert.That(orders["WO2"].Operations["op20"].Good, Is.EqualTo(1));
            Assert.That(floor.Wip("op20", 30).Waiting, Is.EqualTo(1));
        });
    }

    [Test]
    public void Counts_CounterReset_TakesTheNewReadingAsWhatWasMade()
    {
        var floor = new Floor().Release(Floor.Linear("WO1", 100)).Start("m1", "m2", "m3");
        floor.Make("m1", 10, good: 5);
        floor.Tracker.OnCount(Floor.Cell("m1"), new ProductionCountPayload { V = 1, Ts = Floor.At(20), Good = 2, Scrap = 0, Unit = "pcs" });

        Assert.That(floor.Tracker.State.Orders["WO1"].Started, Is.EqualTo(7));
    }
}

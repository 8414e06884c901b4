using UnsMes.Uns.Payloads;
using UnsMes.Wip;

namespace UnsMes.Wip.Tests.Domain;

public class ParallelAndDispatchTests
{
    [Test]
    public void Counts_TwoMachinesShareAWorkCenter_BothDrawFromOneQueue()
    {
        var options = new WipOptions { WorkCenters = { ["lathes"] = ["m2a", "m2b"] } };
        var floor = new Floor(options).Release(Floor.Order("WO1", 50, ("op10", "m1", 10), ("op20", "lathes", 30), ("op30", "m3", 10)))
            .Start("m1", "m2a", "m2b", "m3");
        floor.Make("m1", 10, good: 4).Make("m2a", 40, good: 1).Make("m2b", 45, good: 2);

        var op20 = floor.Wip("op20", 50);
        Assert.Multiple(() =>
        {
            Assert.That(op20.WorkCenter, Is.EqualTo("lathes"));
            Assert.That(op20.Waiting, Is.EqualTo(1));
            Assert.That(op20.Done, Is.EqualTo(3));
            Assert.That(floor.Wip("op30", 50).Waiting, Is.EqualTo(3));
            Assert.That(floor.Problems, Is.Empty);
        });
    }

    [Test]
    public void DispatchQueue_RunningFirstThenPriorityThenDueDate()
    {
        var due = Floor.At(86_400);
        var floor = new Floor()
            .Release(Floor.Linear("late", 10) with { Priority = 1, DueTs = due + 1000 })
            .Release(Floor.Linear("early", 10) with { Priority = 1, DueTs = due })
            .Release(Floor.Linear("urgent", 10) with { Priority = 0 })
            .Release(Floor.Linear("running", 10) with { Priority = 5 })
            .Start("m1");
        floor.Make("m1", 10, good: 1, workOrderId: "running");

        var queue = floor.Tracker.DispatchQueue(Floor.LinePath).Select(o => o.Order.WorkOrderId);

        Assert.That(queue, Is.EqualTo(new[] { "running", "urgent", "early", "late" }));
    }

    [Test]
    public void WorkOrder_CancelledByTheErp_LeavesTheQueue()
    {
        var floor = new Floor().Release(Floor.Linear("WO1", 10)).Release(Floor.Linear("WO2", 10));

        floor.Release(Floor.Linear("WO1", 10) with { Status = WorkOrderStatus.Cancelled, Revision = 1 });

        Assert.Multiple(() =>
        {
            Assert.That(floor.Tracker.DispatchQueue(Floor.LinePath).Select(o => o.Order.WorkOrderId), Is.EqualTo(new[] { "WO2" }));
            Assert.That(floor.Tracker.State.Orders["WO1"].Status, Is.EqualTo(WorkOrderStatus.Cancelled));
        });
    }

    [Test]
    public void WorkOrder_RevisedQuantity_AppliesAndAnOlderRevisionIsRefused()
    {
        var floor = new Floor().Release(Floor.Linear("WO1", 10) with { Revision = 2 });

        floor.Release(Floor.Linear("WO1", 20) with { Revision = 3 });
        floor.Release(Floor.Linear("WO1", 5) with { Revision = 1 });

        Assert.Multiple(() =>
        {
            Assert.That(floor.Tracker.State.Orders["WO1"].Order.Quantity, Is.EqualTo(20));
            Assert.That(floor.Problems.Single(), Does.Contain("revision 1 of work order WO1 is older than revision 3"));
        });
    }

    [Test]
    public void WorkOrder_WithoutALine_GoesToTheLineOfItsFirstWorkCenter()
    {
        var floor = new Floor().Start("m1");

        floor.Release(Floor.Linear("WO1", 10) with { Line = null });

        Assert.That(floor.Tracker.State.Orders["WO1"].Line, Is.EqualTo(Floor.LinePath));
    }

    [Test]
    public void PauseAndResume_PausedOrderGoesBehindTheOthers()
    {
        var floor = new Floor().Release(Floor.Linear("WO1", 10)).Release(Floor.Linear("WO2", 10));

        floor.Note(floor.Tracker.Pause("WO1", pause: true, Floor.At(5)));
        var paused = floor.Tracker.DispatchQueue(Floor.LinePath).Select(o => o.Order.WorkOrderId).ToList();
        floor.Note(floor.Tracker.Pause("WO1", pause: false, Floor.At(6)));

        Assert.Multiple(() =>
        {
            Assert.That(paused, Is.EqualTo(new[] { "WO2", "WO1" }));
            Assert.That(floor.Tracker.DispatchQueue(Floor.LinePath).First().Order.WorkOrderId, Is.EqualTo("WO1"));
        });
    }
}

using UnsMes.Uns.Payloads;

namespace UnsMes.Wip.Tests.Domain;

public class BadInputTests
{
    [Test]
    public void Count_UnknownWorkOrder_IsRefusedWithTheReasonAndStartsNothing()
    {
        var floor = new Floor().Release(Floor.Linear("WO1", 10)).Start("m1", "m2");

        floor.Make("m2", 10, good: 1, workOrderId: "WO-404");

        Assert.Multiple(() =>
        {
            Assert.That(floor.Problems.Single(), Does.Contain("'WO-404', which the tracker does not know"));
            Assert.That(floor.Tracker.State.Orders.Keys, Is.EqualTo(new[] { "WO1" }));
        });
    }

    [Test]
    public void Count_MoreUnitsThanEnteredTheOperation_BooksWhatEnteredAndSaysSo()
    {
        var floor = new Floor().Release(Floor.Linear("WO1", 10)).Start("m1", "m2", "m3");
        floor.Make("m1", 10, good: 1);

        floor.Make("m2", 20, good: 3);

        Assert.Multiple(() =>
        {
            Assert.That(floor.Problems.Single(), Does.Contain("m2 completed 3 unit(s) at work center m2, but only 1 had entered it"));
            Assert.That(floor.Tracker.State.Orders["WO1"].Operations["op20"].Good, Is.EqualTo(1));
            Assert.That(floor.Wip("op30", 20).Waiting, Is.EqualTo(1));
        });
    }

    [Test]
    public void Count_BeyondTheQuantity_IsRecordedAndFlaggedOnce()
    {
        var floor = new Floor().Release(Floor.Order("WO1", 2, ("op10", "m1", 10))).Start("m1");

        // The machine goes on reporting the order after it completed (the PLC was not told to stop).
        floor.Make("m1", 10, good: 2, workOrderId: "WO1").Make("m1", 20, good: 1, workOrderId: "WO1").Make("m1", 30, good: 1, workOrderId: "WO1");

        var order = floor.Tracker.State.Orders["WO1"];
        var flags = floor.Published<UnsEventPayload>().Where(e => e.Message.Contains("more than its quantity", StringComparison.Ordinal)).ToList();
        Assert.Multiple(() =>
        {
            Assert.That(order.Good, Is.EqualTo(4));
            Assert.That(order.OverProduced, Is.EqualTo(2));
            Assert.That(flags, Has.Count.EqualTo(1));
            Assert.That(floor.Published<CompletionPayload>(), Has.Count.EqualTo(1), "the order completes once, at its quantity");
        });
    }

    [Test]
    public void MaterialConsumed_LotNotLoaded_IsRefused()
    {
        var floor = new Floor().Release(Floor.Linear("WO1", 10)).Start("m1");
        floor.Make("m1", 10, good: 1);

        var problem = floor.Tracker.OnMaterialConsumed(Floor.Cell("m1"), new Dictionary<string, string> { ["materialId"] = "steel", ["quantity"] = "2", ["lotId"] = "L-9" }, Floor.At(11));

        Assert.That(problem, Does.Contain("lot 'L-9' of steel is not loaded at m1"));
    }

    [Test]
    public void Commands_LogoutWithoutLoginAndCloseUnknownOrder_AreRefused()
    {
        var floor = new Floor();

        Assert.Multiple(() =>
        {
            Assert.That(floor.Tracker.Logout(Floor.Cell("m1"), "e7", Floor.At(1)), Does.Contain("e7 is not logged in at m1"));
            Assert.That(floor.Tracker.CloseWorkOrder("WO-404", Floor.At(1)), Does.Contain("'WO-404' is unknown"));
        });
    }

    [Test]
    public void RepeatedDelivery_SameCommandOrMeasurementTwice_IsActedOnOnce()
    {
        var floor = new Floor().Release(Floor.Order("WO1", 10, ("op10", "m1", 10))).Start("m1");
        floor.Make("m1", 10, good: 1);
        var login = new CommandPayload { V = 1, Ts = Floor.At(11), CommandId = "c-1", IssuedBy = "e1" };
        var measured = new Dictionary<string, string> { ["materialId"] = "steel", ["quantity"] = "3" };
        var topic = UnsMes.Uns.Topics.UnsTopic.Command(Floor.Cell("m1"), "login");

        var first = UnsMes.Wip.Streaming.WipCommands.Apply(floor.Tracker, topic, login);
        var again = UnsMes.Wip.Streaming.WipCommands.Apply(floor.Tracker, topic, login);
        floor.Tracker.OnMaterialConsumed(Floor.Cell("m1"), measured, Floor.At(12));
        floor.Tracker.OnMaterialConsumed(Floor.Cell("m1"), measured, Floor.At(12));

        Assert.Multiple(() =>
        {
            Assert.That(first, Is.Null);
            Assert.That(again, Is.Null, "a repeat is not an error: it was acted on already");
            Assert.That(floor.Tracker.State.Orders["WO1"].Materials.Values.Sum(m => m.Quantity), Is.EqualTo(2.5 + 3));
        });
    }
}

using UnsMes.Wip.State;

namespace UnsMes.Wip.Tests.Domain;

public class SnapshotTests
{
    [Test]
    public void Snapshot_RestoredIntoANewTracker_GivesTheSameFiguresAndCountingGoesOn()
    {
        var floor = new Floor().Release(Floor.Linear("WO1", 10)).Start("m1", "m2", "m3");
        floor.Note(floor.Tracker.Login(Floor.Cell("m2"), "e1", Floor.At(0)));
        floor.Note(floor.Tracker.LoadMaterial(Floor.Cell("m1"), "steel", "L1", 100, "kg", Floor.At(1)));
        floor.Make("m1", 10, good: 4).Make("m2", 20, good: 2);

        var restored = new Floor();
        restored.Tracker.Restore(WipStateJson.Read(WipStateJson.Write(floor.Tracker.State)));
        var now = Floor.At(30);

        Assert.Multiple(() =>
        {
            Assert.That(restored.Tracker.LineWip(Floor.LinePath, now), Is.EqualTo(floor.Tracker.LineWip(Floor.LinePath, now)));
            Assert.That(restored.Tracker.Progress(restored.Tracker.State.Orders["WO1"], now), Is.EqualTo(floor.Tracker.Progress(floor.Tracker.State.Orders["WO1"], now)));
            Assert.That(restored.Tracker.State.Cells[Floor.Cell("m1").ToString()].LotOf("steel")!.Remaining, Is.EqualTo(90));
            Assert.That(restored.Tracker.State.Cells[Floor.Cell("m2").ToString()].Operators.Keys, Is.EqualTo(new[] { "e1" }));
        });

        // The restored tracker keeps the counters' baselines: m2's next cumulative reading books only the difference.
        restored.Tracker.OnCount(Floor.Cell("m2"), new UnsMes.Uns.Payloads.ProductionCountPayload { V = 1, Ts = Floor.At(40), Good = 3, Scrap = 0, Unit = "pcs" });
        Assert.That(restored.Tracker.State.Orders["WO1"].Operations["op20"].Good, Is.EqualTo(3));
    }

    [Test]
    public void Snapshot_TakenBeforeTheBrokerConfirmedACompletion_StillHoldsItToSend()
    {
        var floor = new Floor().Release(Floor.Order("WO1", 1, ("op10", "m1", 10))).Start("m1");
        floor.Tracker.OnCount(Floor.Cell("m1"), new UnsMes.Uns.Payloads.ProductionCountPayload { V = 1, Ts = Floor.At(10), Good = 1, Scrap = 0, Unit = "pcs" });

        var restored = new Floor();
        restored.Tracker.Restore(WipStateJson.Read(WipStateJson.Write(floor.Tracker.State)));
        restored.Note(null);

        Assert.That(restored.Published<UnsMes.Uns.Payloads.CompletionPayload>().Single().MessageId, Is.EqualTo("WO1-completion"));
    }
}

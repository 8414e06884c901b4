using System.Text.Json;
using UnsMes.Oee.Domain;
using UnsMes.Uns.Payloads;
using static UnsMes.Oee.Tests.Domain.Plant;

namespace UnsMes.Oee.Tests.Domain;

/// <summary>The calculator's state survives a restart through a JSON snapshot.</summary>
public class SnapshotTests
{
    [Test]
    public void Snapshot_MidShiftRestoredAndContinued_GivesTheSameFiguresAsAnUninterruptedRun()
    {
        var uninterrupted = new OeeCalculator(Calendars.DayShiftWithBreak);
        FirstHalf(uninterrupted);
        var secondHalfNotices = SecondHalf(uninterrupted);

        var beforeRestart = new OeeCalculator(Calendars.DayShiftWithBreak);
        FirstHalf(beforeRestart);
        var json = OeeSnapshotJson.Write(beforeRestart.Snapshot());
        var restarted = OeeCalculator.Restore(OeeSnapshotJson.Read(json), Calendars.DayShiftWithBreak);
        var restartedNotices = SecondHalf(restarted);

        var shift = restarted.Figures(Press, ShiftA);
        Assert.Multiple(() =>
        {
            Assert.That(OeeFigureChecks.Describe(restarted), Is.EqualTo(OeeFigureChecks.Describe(uninterrupted)));
            Assert.That(restartedNotices, Is.EqualTo(secondHalfNotices));
            Assert.That(OeeSnapshotJson.Write(restarted.Snapshot()), Is.EqualTo(OeeSnapshotJson.Write(uninterrupted.Snapshot())));
            Assert.That(json, Does.Contain("\"schemaVersion\":1"));
            // The figures themselves: PBT 27,000 s; jam 1,500 s (classified after the restart) and 300 s idle at 08:00.
            Assert.That(shift.PlannedBusyTimeS, Is.EqualTo(27_000));
            Assert.That(shift.Losses.AvailabilityByReasonS, Is.EqualTo(new Dictionary<string, double> { ["jam"] = 1_500, ["idle"] = 300 }));
            Assert.That(shift.GoodCount, Is.EqualTo(11_000));
        });
    }

    [Test]
    public void Snapshot_OfAnotherSchemaVersion_IsRefused()
    {
        var json = OeeSnapshotJson.Write(new OeeCalculator(Calendars.DayShift).Snapshot()).Replace("\"schemaVersion\":1", "\"schemaVersion\":99", StringComparison.Ordinal);

        Assert.That(() => OeeSnapshotJson.Read(json), Throws.InstanceOf<JsonException>().With.Message.Contains("99"));
    }

    private static void FirstHalf(OeeCalculator oee)
    {
        oee.State(Press, "06:00", MachineState.Running, workOrder: "WO-1");
        oee.Count(Press, "06:00", 0, 0, 2.0, "WO-1");
        oee.State(Press, "07:00", MachineState.Down, MachineStatePayload.Unclassified, "WO-1");
        oee.State(Press, "07:25", MachineState.Running, workOrder: "WO-1");
        oee.State(Press, "08:00", MachineState.Idle, workOrder: "WO-1");
        oee.Count(Press, "08:59:59", 5_000, 0, 2.0, "WO-1");
        oee.Advance("09:00");
    }

    private static List<OeeNotice> SecondHalf(OeeCalculator oee)
    {
        // Late: the idle stop at 08:00 ended at 08:05. Then the jam gets its reason, and the shift runs on.
        var notices = new List<OeeNotice>();
        notices.AddRange(oee.LateState(Press, "08:05", "09:01", MachineState.Running).Notices);
        notices.AddRange(oee.ClassifyDowntime(Press, oee.Episodes(Press)[0].EpisodeId, "jam").Notices);
        notices.AddRange(oee.State(Press, "10:00", MachineState.Idle).Notices);
        notices.AddRange(oee.State(Press, "10:30", MachineState.Running).Notices);
        notices.AddRange(oee.Count(Press, "13:59:59", 11_000, 0, 2.0, "WO-1").Notices);
        notices.AddRange(oee.State(Press, "14:00", MachineState.Idle).Notices);
        notices.AddRange(oee.Advance("14:10").Notices);
        return notices;
    }
}

using UnsMes.Oee.Domain;
using UnsMes.Uns.Payloads;
using static UnsMes.Oee.Tests.Domain.Plant;

namespace UnsMes.Oee.Tests.Domain;

/// <summary>Stops in progress, episodes opening and closing, and operators classifying them.</summary>
public class DowntimeEpisodeTests
{
    [Test]
    public void StopInProgress_PassesTheThreshold_AllOfItBecomesAvailabilityLoss()
    {
        var oee = new OeeCalculator(Calendars.DayShift);
        oee.State(Press, "06:00", MachineState.Running);
        oee.State(Press, "08:00", MachineState.Down, "jam");

        // 90 s into the stop it is provisionally a micro-stop; at 150 s all 150 s are the jam's.
        var early = oee.Advance("08:01:30");
        var provisional = oee.Figures(Press, Hour(8));
        var passed = oee.Advance("08:02:30");
        var reclassified = oee.Figures(Press, Hour(8));
        var resumed = oee.State(Press, "08:05", MachineState.Running);

        var episodeId = $"press07-{PlantTime.At("08:00")}";
        Assert.Multiple(() =>
        {
            Assert.That(early.Notices.OfType<DowntimeNotice>(), Is.Empty);
            Assert.That((provisional.Losses.MicroStopS, provisional.RunTimeS), Is.EqualTo((90.0, 90.0)));
            Assert.That(provisional.Losses.AvailabilityByReasonS, Is.Empty);
            Assert.That(reclassified.Losses.MicroStopS, Is.Zero);
            Assert.That(reclassified.Losses.AvailabilityByReasonS["jam"], Is.EqualTo(150));
            Assert.That(passed.Notices.OfType<DowntimeNotice>().Single(), Is.EqualTo(new DowntimeNotice(
                new DowntimeEpisode(episodeId, Press, MachineState.Down, PlantTime.At("08:00"), null, "jam", null, true, false, null, null),
                DowntimeChange.Opened)));
            var closed = resumed.Notices.OfType<DowntimeNotice>().Single();
            Assert.That((closed.Change, closed.Episode.DurationS), Is.EqualTo((DowntimeChange.Closed, (double?)300)));
        });
    }

    [Test]
    public void Classification_OfAnUnclassifiedStop_MovesItsMinutesInEveryOpenWindow()
    {
        var oee = new OeeCalculator(Calendars.DayShift);
        oee.State(Press, "06:00", MachineState.Running);
        oee.State(Press, "09:00", MachineState.Down, MachineStatePayload.Unclassified);
        oee.State(Press, "09:30", MachineState.Running);
        oee.Advance("09:35");
        var episode = oee.Episodes(Press).Single();

        // 1,800 s under "unclassified" until an operator says it was a jam.
        var before = oee.Figures(Press, Hour(9)).Losses.AvailabilityByReasonS;
        var classified = oee.ClassifyDowntime(Press, episode.EpisodeId, "jam", "Part jammed at station 2");
        var jam = new Dictionary<string, double> { ["jam"] = 1_800 };
        Assert.Multiple(() =>
        {
            Assert.That(episode.Classified, Is.False);
            Assert.That(before, Is.EqualTo(new Dictionary<string, double> { [MachineStatePayload.Unclassified] = 1_800 }));
            Assert.That(oee.Figures(Press, Hour(9)).Losses.AvailabilityByReasonS, Is.EqualTo(jam));
            Assert.That(oee.Figures(Press, ShiftA).Losses.AvailabilityByReasonS, Is.EqualTo(jam));
            Assert.That(oee.Figures(Press, Today).Losses.AvailabilityByReasonS, Is.EqualTo(jam));
            var update = classified.Notices.OfType<DowntimeNotice>().Single();
            Assert.That((update.Change, update.Episode.ReasonCode, update.Episode.Classified, update.Episode.ReasonText),
                Is.EqualTo((DowntimeChange.Updated, "jam", true, "Part jammed at station 2")));
        });
    }

    [Test]
    public void Classification_AfterTheHourClosed_LeavesTheClosedHourFinal()
    {
        var oee = new OeeCalculator(Calendars.DayShift);
        oee.State(Press, "06:00", MachineState.Running);
        oee.State(Press, "09:00", MachineState.Down);
        oee.State(Press, "09:30", MachineState.Running);
        oee.Advance("10:11");

        // Hour 9 closed at 10:10 and keeps "unclassified"; the shift and the day are still open and move.
        oee.ClassifyDowntime(Press, oee.Episodes(Press).Single().EpisodeId, "jam");
        Assert.Multiple(() =>
        {
            Assert.That(oee.Figures(Press, Hour(9)).Losses.AvailabilityByReasonS.Keys, Is.EqualTo(new[] { MachineStatePayload.Unclassified }));
            Assert.That(oee.Figures(Press, ShiftA).Losses.AvailabilityByReasonS.Keys, Is.EqualTo(new[] { "jam" }));
            Assert.That(oee.Figures(Press, Today).Losses.AvailabilityByReasonS.Keys, Is.EqualTo(new[] { "jam" }));
        });
    }

    [Test]
    public void Classification_OfAnUnknownEpisode_IsRefused()
    {
        var oee = new OeeCalculator(Calendars.DayShift);
        oee.State(Press, "06:00", MachineState.Running);

        var refused = oee.ClassifyDowntime(Press, "press07-1", "jam");
        Assert.That(refused.Refusal?.Reason, Is.EqualTo(OeeRefusalReason.UnknownEpisode));
    }

    [Test]
    public void IdleStarvedBlocked_LongerThanTheThreshold_AreBookedUnderTheStateName()
    {
        var oee = new OeeCalculator(Calendars.DayShift);
        oee.State(Press, "06:00", MachineState.Idle);
        oee.State(Press, "06:10", MachineState.Starved);
        oee.State(Press, "06:30", MachineState.Blocked);
        oee.State(Press, "07:00", MachineState.Offline);
        oee.Advance("07:05");

        // 600 + 1,200 + 1,800 s in hour 6; offline 300 s in hour 7, which makes no episode.
        Assert.Multiple(() =>
        {
            Assert.That(oee.Figures(Press, Hour(6)).Losses.AvailabilityByReasonS,
                Is.EqualTo(new Dictionary<string, double> { ["idle"] = 600, ["starved"] = 1_200, ["blocked"] = 1_800 }));
            Assert.That(oee.Figures(Press, Hour(7)).Losses.AvailabilityByReasonS, Is.EqualTo(new Dictionary<string, double> { ["offline"] = 300 }));
            Assert.That(oee.Episodes(Press).Select(e => e.State), Is.EqualTo(new[] { MachineState.Idle, MachineState.Starved, MachineState.Blocked }));
        });
    }
}

using UnsMes.Oee.Domain;
using UnsMes.Uns.Payloads;
using static UnsMes.Oee.Tests.Domain.Plant;

namespace UnsMes.Oee.Tests.Domain;

/// <summary>State changes that arrive late or out of order are inserted and the figures corrected.</summary>
public class LateDataTests
{
    [Test]
    public void LateState_StopBeforeTheLatestChange_IsInsertedAndFiguresCorrected()
    {
        var oee = new OeeCalculator(Calendars.DayShift);
        oee.State(Press, "06:00", MachineState.Running);
        oee.State(Press, "11:00", MachineState.Idle);
        oee.Advance("11:05");
        var before = oee.Figures(Press, Hour(10));

        // Read at 11:05, the machine was down from 10:40: inserted before the 11:00 change, 10:40-11:00 = 1,200 s jam.
        oee.LateState(Press, "10:40", "11:05", MachineState.Down, "jam");
        var stopped = oee.Figures(Press, Hour(10));

        // Then it turns out it ran again from 10:50: jam 600 s; hour 10 run time 2,400 + 600 = 3,000 s, A = 3,000 / 3,600.
        var resumed = oee.LateState(Press, "10:50", "11:06", MachineState.Running);
        var corrected = oee.Figures(Press, Hour(10));
        var shift = oee.Figures(Press, ShiftA);
        var tooLate = oee.RecordState(Press, new MachineStateChange(PlantTime.At("11:06"), MachineState.Down, PlantTime.At("09:30"), "jam"));
        Assert.Multiple(() =>
        {
            Assert.That(tooLate.Refusal?.Reason, Is.EqualTo(OeeRefusalReason.WindowClosed), "hour 9 closed at 10:10");
            Assert.That((before.RunTimeS, before.Availability), Is.EqualTo((3_600.0, 1.0)));
            Assert.That(stopped.Losses.AvailabilityByReasonS["jam"], Is.EqualTo(1_200));
            Assert.That(corrected.Losses.AvailabilityByReasonS["jam"], Is.EqualTo(600));
            Assert.That(corrected.RunTimeS, Is.EqualTo(3_000));
            Assert.That(corrected.Availability, Is.EqualTo(3_000.0 / 3_600).Within(1e-12));
            // Shift so far (watermark 11:06): running 06:00-10:40 (16,800) + 10:50-11:00 (600), jam 600, idle 11:00-11:06 (360).
            Assert.That((shift.PlannedBusyTimeS, shift.RunTimeS), Is.EqualTo((18_360.0, 17_400.0)));
            Assert.That(resumed.Notices.OfType<DowntimeNotice>().Single(), Has.Property(nameof(DowntimeNotice.Change)).EqualTo(DowntimeChange.Updated));
        });
    }

    [Test]
    public void LateState_ShortensALongStop_MakesItAMicroStopAndWithdrawsTheEpisode()
    {
        var oee = new OeeCalculator(Calendars.DayShift);
        oee.State(Press, "06:00", MachineState.Running);
        oee.State(Press, "07:00", MachineState.Down, "jam");
        oee.Advance("07:05");

        // The machine ran again at 07:01 (read late): the stop was 60 s, a micro-stop, and never an episode.
        var late = oee.LateState(Press, "07:01", "07:06", MachineState.Running);
        var hour7 = oee.Figures(Press, Hour(7));
        Assert.Multiple(() =>
        {
            Assert.That(late.Notices.OfType<DowntimeNotice>().Select(n => n.Change), Is.EqualTo(new[] { DowntimeChange.Withdrawn }));
            Assert.That(hour7.Losses.AvailabilityByReasonS, Is.Empty);
            Assert.That(hour7.Losses.MicroStopS, Is.EqualTo(60));
            Assert.That(hour7.RunTimeS, Is.EqualTo(360));
            Assert.That(oee.Episodes(Press), Is.Empty);
        });
    }

    [Test]
    public void LateState_OlderThanTheKeptHistory_IsRefused()
    {
        var oee = new OeeCalculator(Calendars.DayShift);
        oee.State(Press, "06:00", MachineState.Running);
        oee.Advance("12:00", days: 2);

        // 48 h of history: at day 2 12:00 anything before day 0 12:00 is gone.
        var refused = oee.RecordState(Press, new MachineStateChange(PlantTime.At("12:00", 2), MachineState.Down, PlantTime.At("11:00"), "jam"));
        Assert.That(refused.Refusal?.Reason, Is.EqualTo(OeeRefusalReason.OlderThanHistory));
    }

    [Test]
    public void RetainedState_SeenAgain_ChangesNothing()
    {
        var oee = new OeeCalculator(Calendars.DayShift);
        oee.State(Press, "06:00", MachineState.Down, "jam");
        oee.Advance("06:10");
        var before = oee.Figures(Press, Hour(6));

        // After a reconnect the broker hands out the retained state again, read later.
        var again = oee.LateState(Press, "06:00", "06:10", MachineState.Down, "jam");
        Assert.Multiple(() =>
        {
            Assert.That(again.Notices, Is.Empty);
            Assert.That(oee.Figures(Press, Hour(6)).Losses.AvailabilityByReasonS, Is.EqualTo(before.Losses.AvailabilityByReasonS));
        });
    }

    [Test]
    public void FirstState_SinceLiesInAClosedWindow_IsBookedFromTheWatermark()
    {
        var oee = new OeeCalculator(Calendars.DayShift);
        oee.Advance("09:00");

        // A retained state from 06:00 met by a calculator that starts at 09:00: hours 6 and 7 are final already.
        var first = oee.LateState(Press, "06:00", "06:00", MachineState.Running);
        oee.Advance("10:00");
        Assert.Multiple(() =>
        {
            Assert.That(first.Notices.OfType<StateStartMovedNotice>().Single().StartMs, Is.EqualTo(PlantTime.At("09:00")));
            Assert.That(oee.Figures(Press, ShiftA).RunTimeS, Is.EqualTo(3_600));
        });
    }

    [Test]
    public void ReasonGivenLater_SameSince_ReplacesTheReport()
    {
        var oee = new OeeCalculator(Calendars.DayShift);
        oee.State(Press, "06:00", MachineState.Running);
        oee.State(Press, "07:00", MachineState.Down);
        oee.Advance("07:10");

        // The machine publishes the same stop again with its reason: 600 s move from unclassified to jam.
        oee.LateState(Press, "07:00", "07:10", MachineState.Down, "jam");
        Assert.That(oee.Figures(Press, Hour(7)).Losses.AvailabilityByReasonS, Is.EqualTo(new Dictionary<string, double> { ["jam"] = 600 }));
    }
}

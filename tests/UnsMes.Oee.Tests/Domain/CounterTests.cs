using UnsMes.Oee.Domain;
using UnsMes.Uns.Payloads;
using static UnsMes.Oee.Tests.Domain.Plant;

namespace UnsMes.Oee.Tests.Domain;

/// <summary>Cumulative counters become units: differences, resets, stale readings, performance above 1.</summary>
public class CounterTests
{
    [Test]
    public void CounterReset_ValueGoesDown_CountsTheNewValueFromZeroAndSaysSo()
    {
        var oee = new OeeCalculator(Calendars.DayShift);
        oee.State(Press, "06:00", MachineState.Running);
        var baseline = oee.Count(Press, "06:00", 0, 0, 2.0);
        oee.Count(Press, "08:00", 3_600, 0, 2.0);
        var reset = oee.Count(Press, "08:30", 100, 0, 2.0);
        oee.Count(Press, "09:00", 1_000, 0, 2.0);

        // +3,600 (08:00), reset: +100 (08:30), +900 (09:00) = 4,600; hour 8 holds 3,700, hour 9 holds 900.
        Assert.Multiple(() =>
        {
            Assert.That(baseline.Notices.OfType<CounterBaselineNotice>(), Has.Exactly(1).Items);
            Assert.That(reset.Notices.OfType<CounterResetNotice>().Single(), Is.EqualTo(new CounterResetNotice(Press, PlantTime.At("08:30"), 3_600, 0, 100, 0)));
            Assert.That(oee.Figures(Press, Today).GoodCount, Is.EqualTo(4_600));
            Assert.That(oee.Figures(Press, Hour(8)).GoodCount, Is.EqualTo(3_700));
            Assert.That(oee.Figures(Press, Hour(9)).GoodCount, Is.EqualTo(900));
        });
    }

    [Test]
    public void StaleCount_OlderThanTheLatestReading_IsIgnoredAndReported()
    {
        var oee = new OeeCalculator(Calendars.DayShift);
        oee.State(Press, "06:00", MachineState.Running);
        oee.Count(Press, "06:00", 0, 0, 2.0);
        oee.Count(Press, "09:00", 1_000, 0, 2.0);

        // The 08:45 reading arrives after the 09:00 one, which already holds its units.
        var stale = oee.Count(Press, "08:45", 500, 0, 2.0);
        oee.Count(Press, "09:30", 1_200, 0, 2.0);
        Assert.Multiple(() =>
        {
            Assert.That(stale.Notices.OfType<StaleCountNotice>().Single().LatestMs, Is.EqualTo(PlantTime.At("09:00")));
            Assert.That(oee.Figures(Press, Today).GoodCount, Is.EqualTo(1_200), "1,000 + 200, the stale reading changed nothing");
        });
    }

    [Test]
    public void PerformanceAboveOne_IdealCycleTimeTooSlow_IsReportedNotClampedAndFlagged()
    {
        var oee = new OeeCalculator(Calendars.DayShift);
        oee.State(Press, "06:00", MachineState.Running);
        oee.Count(Press, "06:00", 0, 0, 2.0);
        oee.Count(Press, "06:59:59", 2_000, 0, 2.0);
        oee.Advance("07:00");

        // 2,000 x 2 s = 4,000 s of ideal time made in 3,600 s: P = 1.111..., speed loss = 3,600 - 4,000 = -400 s;
        // the losses still add up: -400 + 4,000 fully productive = 3,600 = PBT.
        var hour6 = oee.Figures(Press, Hour(6));
        Assert.Multiple(() =>
        {
            Assert.That(hour6.Performance, Is.EqualTo(4_000.0 / 3_600).Within(1e-12));
            Assert.That(hour6.Oee, Is.EqualTo(4_000.0 / 3_600).Within(1e-12));
            Assert.That(hour6.Losses.SpeedS, Is.EqualTo(-400));
            Assert.That(hour6.IdealCycleTimeSuspect, Is.True);
            Assert.That(hour6.AccountedTimeS, Is.EqualTo(3_600).Within(1e-9));
        });
    }

    [Test]
    public void PerformanceExactlyOne_IsNotSuspect()
    {
        var oee = new OeeCalculator(Calendars.DayShift);
        oee.State(Press, "06:00", MachineState.Running);
        oee.Count(Press, "06:00", 0, 0, 2.0);
        oee.Count(Press, "06:59:59", 1_800, 0, 2.0);
        oee.Advance("07:00");

        var hour6 = oee.Figures(Press, Hour(6));
        Assert.That((hour6.Performance, hour6.IdealCycleTimeSuspect), Is.EqualTo((1.0, false)));
    }

    [Test]
    public void NegativeCounter_IsRefusedAsInvalid()
    {
        var oee = new OeeCalculator(Calendars.DayShift);
        var refused = oee.RecordCount(Press, new CounterReading(PlantTime.At("06:00"), -1, 0, 2.0));
        Assert.That(refused.Refusal?.Reason, Is.EqualTo(OeeRefusalReason.Invalid));
    }
}

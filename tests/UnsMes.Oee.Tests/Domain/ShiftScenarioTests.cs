using UnsMes.Oee.Domain;
using UnsMes.Uns.Payloads;
using static UnsMes.Oee.Tests.Domain.Plant;

namespace UnsMes.Oee.Tests.Domain;

/// <summary>One 8-hour shift (A, 06:00-14:00) of one machine, one loss at a time; the worked examples of docs/oee.md.</summary>
public class ShiftScenarioTests
{
    private const double Exact = 1e-9;

    [Test]
    public void FullShift_AllRunningAtIdealSpeed_EverythingIsOne()
    {
        var oee = new OeeCalculator(Calendars.DayShift);
        oee.State(Press, "06:00", MachineState.Running);
        oee.Count(Press, "06:00", 0, 0, 2.0);
        // 1800 parts per hour at 2 s each, read at the end of every hour: 8 x 1800 = 14,400 parts.
        for (var hour = 1; hour <= 8; hour++)
        {
            oee.Count(Press, $"{5 + hour:00}:59:59", 1800 * hour, 0, 2.0);
        }

        oee.State(Press, "14:00", MachineState.Idle);
        var closing = oee.Advance("14:10");

        // PBT = 8 h = 28,800 s, all of it running; ideal time = 14,400 x 2 s = 28,800 s.
        var shift = oee.Figures(Press, ShiftA);
        var hour6 = oee.Figures(Press, Hour(6));
        Assert.Multiple(() =>
        {
            Assert.That(shift.PlannedBusyTimeS, Is.EqualTo(28_800));
            Assert.That(shift.RunTimeS, Is.EqualTo(28_800));
            Assert.That(shift.GoodCount, Is.EqualTo(14_400));
            Assert.That(shift.TotalCount, Is.EqualTo(14_400));
            Assert.That((shift.Availability, shift.Performance, shift.Quality, shift.Oee), Is.EqualTo((1.0, 1.0, 1.0, 1.0)));
            Assert.That(shift.Losses.AvailabilityByReasonS, Is.Empty);
            Assert.That((shift.Losses.SetupS, shift.Losses.MicroStopS, shift.Losses.SpeedS, shift.Losses.QualityS), Is.EqualTo((0.0, 0.0, 0.0, 0.0)));
            Assert.That(shift.FullyProductiveS, Is.EqualTo(28_800));
            Assert.That(shift.Closed, Is.True, "watermark 14:10 = shift end + 10 min lateness");
            Assert.That(closing.Notices.OfType<WindowClosedNotice>().Select(n => n.Window.Key), Does.Contain(ShiftA));
            // One hour: 3,600 s running, 1,800 parts x 2 s = 3,600 s.
            Assert.That((hour6.PlannedBusyTimeS, hour6.Performance), Is.EqualTo((3_600.0, 1.0)));
        });
    }

    [Test]
    public void PlannedBreak_CalendarBreakAndPlannedStop_AreOutsidePlannedBusyTime()
    {
        var oee = new OeeCalculator(Calendars.DayShiftWithBreak);
        oee.State(Press, "06:00", MachineState.Running);
        oee.Count(Press, "06:00", 0, 0, 2.0);
        oee.State(Press, "10:00", MachineState.Idle);
        oee.State(Press, "10:30", MachineState.Running);
        oee.State(Press, "12:00", MachineState.PlannedStop, "meeting");
        oee.State(Press, "12:15", MachineState.Running);
        oee.Count(Press, "13:59:59", 13_050, 0, 2.0);
        oee.State(Press, "14:00", MachineState.Idle);
        oee.Advance("14:10");

        // PBT = 28,800 - 1,800 (break, machine idle) - 900 (planned stop) = 26,100 s.
        // Running 06:00-10:00 + 10:30-12:00 + 12:15-14:00 = 14,400 + 5,400 + 6,300 = 26,100 s.
        // Ideal = 13,050 x 2 s = 26,100 s. A = P = Q = 1.
        var shift = oee.Figures(Press, ShiftA);
        var meeting = oee.Episodes(Press).Single(e => e.State == MachineState.PlannedStop);
        Assert.Multiple(() =>
        {
            Assert.That(shift.PlannedBusyTimeS, Is.EqualTo(26_100));
            Assert.That(shift.RunTimeS, Is.EqualTo(26_100));
            Assert.That(shift.Oee, Is.EqualTo(1.0));
            Assert.That(shift.Losses.AvailabilityByReasonS, Is.Empty);
            Assert.That((meeting.Planned, meeting.ReasonCode, meeting.DurationS), Is.EqualTo((true, "meeting", (double?)900)));
        });
    }

    [Test]
    public void Break_MachineRunsThroughIt_CountsAsPlannedBusyTime()
    {
        var oee = new OeeCalculator(Calendars.DayShiftWithBreak);
        oee.State(Press, "06:00", MachineState.Running);
        oee.State(Press, "14:00", MachineState.Idle);
        oee.Advance("14:10");

        // Running is never excluded: 27,000 s planned + 1,800 s worked through the break = 28,800 s.
        Assert.That(oee.Figures(Press, ShiftA).PlannedBusyTimeS, Is.EqualTo(28_800));
    }

    [Test]
    public void LongStop_DownWithReason_IsAvailabilityLossUnderThatReason()
    {
        var oee = new OeeCalculator(Calendars.DayShift);
        oee.State(Press, "06:00", MachineState.Running);
        oee.Count(Press, "06:00", 0, 0, 2.0);
        oee.State(Press, "09:00", MachineState.Down, "jam");
        oee.State(Press, "09:25", MachineState.Running);
        oee.Count(Press, "13:59:59", 13_650, 0, 2.0);
        oee.State(Press, "14:00", MachineState.Idle);
        oee.Advance("14:10");

        // Down 09:00-09:25 = 1,500 s. Run time = 28,800 - 1,500 = 27,300 s; ideal = 13,650 x 2 = 27,300 s.
        // A = 27,300 / 28,800 = 0.947916...; P = 1; Q = 1; OEE = A.
        var shift = oee.Figures(Press, ShiftA);
        var jam = oee.Episodes(Press).Single(e => e.State == MachineState.Down);
        Assert.Multiple(() =>
        {
            Assert.That(shift.PlannedBusyTimeS, Is.EqualTo(28_800));
            Assert.That(shift.RunTimeS, Is.EqualTo(27_300));
            Assert.That(shift.Availability, Is.EqualTo(27_300.0 / 28_800).Within(Exact));
            Assert.That(shift.Performance, Is.EqualTo(1.0));
            Assert.That(shift.Oee, Is.EqualTo(0.9479166666).Within(1e-9));
            Assert.That(shift.Losses.AvailabilityByReasonS, Is.EqualTo(new Dictionary<string, double> { ["jam"] = 1_500 }));
            Assert.That(jam.EpisodeId, Is.EqualTo($"press07-{PlantTime.At("09:00")}"));
            Assert.That((jam.ReasonCode, jam.Classified, jam.Planned, jam.DurationS), Is.EqualTo(("jam", true, false, (double?)1_500)));
        });
    }

    [Test]
    public void MicroStops_TenOneMinuteStops_ArePerformanceLossInsideRunTime()
    {
        var oee = new OeeCalculator(Calendars.DayShift);
        oee.State(Press, "06:00", MachineState.Running);
        oee.Count(Press, "06:00", 0, 0, 2.0);
        MachineState[] stops = [MachineState.Down, MachineState.Idle, MachineState.Starved, MachineState.Blocked];
        for (var i = 0; i < 10; i++)
        {
            var at = TimeSpan.FromHours(7) + TimeSpan.FromMinutes(30 * i);
            oee.State(Press, $"{at:hh\\:mm}", stops[i % 4], stops[i % 4] == MachineState.Down ? "jam" : null);
            oee.State(Press, $"{at + TimeSpan.FromMinutes(1):hh\\:mm}", MachineState.Running);
        }

        oee.Count(Press, "13:59:59", 14_100, 0, 2.0);
        oee.State(Press, "14:00", MachineState.Idle);
        oee.Advance("14:10");

        // 10 x 60 s = 600 s of micro-stops, under the 120 s threshold: run time stays 28,800 s, A = 1.
        // Running 28,200 s made 14,100 x 2 = 28,200 s of ideal time: P = 28,200 / 28,800 = 0.979166...
        // Losses: micro 600 + speed (28,200 - 28,200 = 0) + fully productive 28,200 = 28,800 = PBT.
        var shift = oee.Figures(Press, ShiftA);
        Assert.Multiple(() =>
        {
            Assert.That(shift.RunTimeS, Is.EqualTo(28_800));
            Assert.That(shift.Availability, Is.EqualTo(1.0));
            Assert.That(shift.Performance, Is.EqualTo(28_200.0 / 28_800).Within(Exact));
            Assert.That(shift.Losses.MicroStopS, Is.EqualTo(600));
            Assert.That(shift.Losses.SpeedS, Is.EqualTo(0));
            Assert.That(shift.Losses.AvailabilityByReasonS, Is.Empty);
            Assert.That(oee.Episodes(Press).Where(e => e.StartMs < PlantTime.At("14:00")), Is.Empty, "micro-stops open no episode");
        });
    }

    [Test]
    public void SlowRunning_FewerPartsThanIdeal_IsSpeedLoss()
    {
        var oee = new OeeCalculator(Calendars.DayShift);
        oee.State(Press, "06:00", MachineState.Running);
        oee.Count(Press, "06:00", 0, 0, 2.0);
        oee.Count(Press, "13:59:59", 12_960, 0, 2.0);
        oee.State(Press, "14:00", MachineState.Idle);
        oee.Advance("14:10");

        // Ideal = 12,960 x 2 = 25,920 s in 28,800 s running: P = 0.9, speed loss = 28,800 - 25,920 = 2,880 s.
        var shift = oee.Figures(Press, ShiftA);
        Assert.Multiple(() =>
        {
            Assert.That(shift.Performance, Is.EqualTo(0.9).Within(Exact));
            Assert.That(shift.Losses.SpeedS, Is.EqualTo(2_880).Within(Exact));
            Assert.That(shift.Oee, Is.EqualTo(0.9).Within(Exact));
            Assert.That(shift.IdealCycleTimeSuspect, Is.False);
        });
    }

    [Test]
    public void Scrap_TwoPercentScrapped_IsQualityLoss()
    {
        var oee = new OeeCalculator(Calendars.DayShift);
        oee.State(Press, "06:00", MachineState.Running);
        oee.Count(Press, "06:00", 0, 0, 2.0);
        oee.Count(Press, "13:59:59", 14_112, 288, 2.0);
        oee.State(Press, "14:00", MachineState.Idle);
        oee.Advance("14:10");

        // 14,400 made, 288 scrapped: Q = 14,112 / 14,400 = 0.98; quality loss = 288 x 2 = 576 s;
        // fully productive = 14,112 x 2 = 28,224 s; 576 + 28,224 = 28,800 = PBT.
        var shift = oee.Figures(Press, ShiftA);
        Assert.Multiple(() =>
        {
            Assert.That((shift.TotalCount, shift.GoodCount), Is.EqualTo((14_400L, 14_112L)));
            Assert.That(shift.Quality, Is.EqualTo(0.98).Within(Exact));
            Assert.That(shift.Losses.QualityS, Is.EqualTo(576));
            Assert.That(shift.FullyProductiveS, Is.EqualTo(28_224));
            Assert.That(shift.Oee, Is.EqualTo(0.98).Within(Exact));
        });
    }

    [Test]
    public void Changeover_TwentyMinutesSetup_IsSetupLoss()
    {
        var oee = new OeeCalculator(Calendars.DayShift);
        oee.State(Press, "06:00", MachineState.Running);
        oee.Count(Press, "06:00", 0, 0, 2.0);
        oee.State(Press, "10:00", MachineState.Setup, "tool_change");
        oee.State(Press, "10:20", MachineState.Running);
        oee.Count(Press, "13:59:59", 13_800, 0, 2.0);
        oee.State(Press, "14:00", MachineState.Idle);
        oee.Advance("14:10");

        // Setup 1,200 s: A = 27,600 / 28,800 = 0.958333...; ideal 13,800 x 2 = 27,600 s: P = 1.
        var shift = oee.Figures(Press, ShiftA);
        var setup = oee.Episodes(Press).Single(e => e.State == MachineState.Setup);
        Assert.Multiple(() =>
        {
            Assert.That(shift.Losses.SetupS, Is.EqualTo(1_200));
            Assert.That(shift.Losses.AvailabilityByReasonS, Is.Empty);
            Assert.That(shift.Availability, Is.EqualTo(27_600.0 / 28_800).Within(Exact));
            Assert.That(shift.Performance, Is.EqualTo(1.0));
            Assert.That((setup.ReasonCode, setup.DurationS), Is.EqualTo(("tool_change", (double?)1_200)));
        });
    }

    [Test]
    public void MixedShift_TheContractExample_GivesItsFigures()
    {
        // The _oee example of uns-topics.md: 06:00-14:00 with a 30-minute break, ideal cycle time 2.7 s.
        var oee = new OeeCalculator(Calendars.DayShiftWithBreak);
        oee.State(Press, "06:00", MachineState.Running);
        oee.Count(Press, "06:00", 0, 0, 2.7);
        oee.State(Press, "07:00", MachineState.Down, "jam");
        oee.State(Press, "07:25", MachineState.Running);
        oee.State(Press, "08:00", MachineState.Setup, "tool_change");
        oee.State(Press, "08:10", MachineState.Running);
        oee.State(Press, "09:00", MachineState.Down, "material_shortage");
        oee.State(Press, "09:10", MachineState.Running);
        oee.State(Press, "10:00", MachineState.Idle);
        oee.State(Press, "10:30", MachineState.Running);
        foreach (var (stop, resume) in new[] { ("11:00", "11:01:30"), ("11:30", "11:31:30"), ("12:00", "12:01:30"), ("12:30", "12:31:30"), ("13:00", "13:01:30"), ("13:15", "13:16:30"), ("13:30", "13:31:30") })
        {
            oee.State(Press, stop, MachineState.Down, "jam");
            oee.State(Press, resume, MachineState.Running);
        }

        oee.Count(Press, "13:59:59", 7_938, 162, 2.7);
        oee.State(Press, "14:00", MachineState.Idle);
        oee.Advance("14:10");

        // PBT = 28,800 - 1,800 break = 27,000 s. Stops: jam 1,500 + material_shortage 600 + setup 600 = 2,700 s,
        // so run time = 24,300 s (A = 0.9), of which 7 x 90 s = 630 s micro-stops and 23,670 s running.
        // Ideal = 8,100 x 2.7 = 21,870 s (P = 21,870 / 24,300 = 0.9); speed = 23,670 - 21,870 = 1,800 s.
        // Q = 7,938 / 8,100 = 0.98; quality loss = 162 x 2.7 = 437.4 s; OEE = 0.9 x 0.9 x 0.98 = 0.7938.
        var shift = oee.Figures(Press, ShiftA);
        Assert.Multiple(() =>
        {
            Assert.That(shift.PlannedBusyTimeS, Is.EqualTo(27_000));
            Assert.That(shift.RunTimeS, Is.EqualTo(24_300));
            Assert.That(shift.Availability, Is.EqualTo(0.9).Within(Exact));
            Assert.That(shift.Performance, Is.EqualTo(0.9).Within(Exact));
            Assert.That(shift.Quality, Is.EqualTo(0.98).Within(Exact));
            Assert.That(shift.Oee, Is.EqualTo(0.7938).Within(Exact));
            Assert.That(shift.Losses.AvailabilityByReasonS, Is.EqualTo(new Dictionary<string, double> { ["jam"] = 1_500, ["material_shortage"] = 600 }));
            Assert.That(shift.Losses.SetupS, Is.EqualTo(600));
            Assert.That(shift.Losses.MicroStopS, Is.EqualTo(630));
            Assert.That(shift.Losses.SpeedS, Is.EqualTo(1_800).Within(1e-6));
            Assert.That(shift.Losses.QualityS, Is.EqualTo(437.4).Within(1e-6));
            Assert.That(shift.AccountedTimeS, Is.EqualTo(27_000).Within(1e-6));
        });
    }
}

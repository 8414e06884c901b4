using UnsMes.Uns.Calendar;
using UnsMes.Wip;
using UnsMes.Wip.Domain;

namespace UnsMes.Wip.Tests.Domain;

public class PromiseAndProgressTests
{
    /// <summary>100 good units finished at m3 every 36 s from 36 s to 3600 s: an order of 1000 with 900 to go.</summary>
    private static Floor HourOfSteadyProduction(ShiftCalendar? calendar = null)
    {
        var floor = new Floor(calendar: calendar).Release(Floor.Linear("WO1", 1000)).Start("m1", "m2", "m3");
        for (var i = 1; i <= 100; i++)
        {
            floor.Make("m1", (36 * i) - 2, good: 1).Make("m2", (36 * i) - 1, good: 1).Make("m3", 36 * i, good: 1);
        }

        return floor;
    }

    // Rate: 100 good over the 3564 s since the first one = 100 × 3600 / 3564 = 101.0101 good/h.
    private const double Rate = 100 * 3600.0 / 3564;

    [Test]
    public void Progress_SteadyLine_RateYieldAndEtaFromTheMeasuredWindow()
    {
        var floor = HourOfSteadyProduction();
        var now = Floor.At(3600);

        var progress = floor.Tracker.Progress(floor.Tracker.State.Orders["WO1"], now);

        Assert.Multiple(() =>
        {
            Assert.That(progress.Good, Is.EqualTo(100));
            Assert.That(progress.Remaining, Is.EqualTo(900));
            Assert.That(progress.RatePerHour, Is.EqualTo(Math.Round(Rate, 2)));
            Assert.That(progress.Yield, Is.EqualTo(1));
            // 900 / 101.0101 = 8.91 h, around the clock.
            Assert.That(progress.EtaTs, Is.EqualTo(now + (long)(8.91 * 3_600_000)).Within(1));
        });
    }

    [Test]
    public void Promise_AroundTheClock_SubtractsOpenWorkAndMultipliesTheMeasuredRate()
    {
        var floor = HourOfSteadyProduction();
        var now = Floor.At(3600);
        var by = DateTimeOffset.FromUnixTimeMilliseconds(now).AddHours(24);

        var small = PromiseCalculator.Answer(floor.Tracker, "P1", 500, by, now);
        var large = PromiseCalculator.Answer(floor.Tracker, "P1", 2000, by, now);

        // 24 h available; 900 open units take 8.91 h; 15.09 h × 101.0101/h = 1524.2 → 1524 units.
        Assert.Multiple(() =>
        {
            Assert.That(small.AvailableHours, Is.EqualTo(24));
            Assert.That(small.OpenQuantityAhead, Is.EqualTo(900));
            Assert.That(small.HoursForOpenWork, Is.EqualTo(8.91));
            Assert.That(small.ExpectedGoodByDeadline, Is.EqualTo(1524));
            Assert.That(small.CanPromise, Is.True);
            Assert.That(large.CanPromise, Is.False);
            Assert.That(small.RateSource, Is.EqualTo("measured"));
            Assert.That(small.Reasoning, Has.Some.Contains("101.0 good/h"));
        });
    }

    [Test]
    public void Promise_OneShiftADay_CountsOnlyPlannedHours()
    {
        // One shift 06:00-14:00 with a 30-minute lunch; the hour of production ran 08:00-09:00.
        var calendar = new ShiftCalendar([new ShiftModel("A", TimeSpan.FromHours(6), TimeSpan.FromHours(14), [new BreakModel("lunch", TimeSpan.FromHours(11.5), TimeSpan.FromMinutes(30))])]);
        var floor = HourOfSteadyProduction(calendar);
        var now = Floor.At(3600);
        var by = DateTimeOffset.Parse("2026-11-24T10:00:00Z", System.Globalization.CultureInfo.InvariantCulture);

        var answer = PromiseCalculator.Answer(floor.Tracker, "P1", 100, by, now);

        // Today 09:00-14:00 less lunch = 4.5 h; tomorrow 06:00-10:00 = 4 h. 8.5 h - 8.91 h of open work: nothing left.
        Assert.Multiple(() =>
        {
            Assert.That(answer.AvailableHours, Is.EqualTo(8.5));
            Assert.That(answer.ExpectedGoodByDeadline, Is.Zero);
            Assert.That(answer.CanPromise, Is.False);
        });
    }

    [Test]
    public void Promise_ProductNeverMadeAndNoLine_SaysWhyItCannotAnswer()
    {
        var floor = new Floor();

        var answer = PromiseCalculator.Answer(floor.Tracker, "P9", 10, DateTimeOffset.FromUnixTimeMilliseconds(Floor.At(86_400)), Floor.At(0));

        Assert.Multiple(() =>
        {
            Assert.That(answer.CanPromise, Is.False);
            Assert.That(answer.Reasoning.Single(), Does.Contain("No line has made P9"));
        });
    }

    [Test]
    public void Attainment_CurrentShift_GoodAgainstTheBottlenecksIdealOutput()
    {
        var floor = HourOfSteadyProduction(new ShiftCalendar([new ShiftModel("A", TimeSpan.FromHours(6), TimeSpan.FromHours(14), [])]));

        var attainment = floor.Tracker.CurrentAttainment(Floor.LinePath, Floor.At(3600))!;

        // 06:00 to 09:00 is 3 planned hours; the bottleneck (op20, 20 s) could have made 540; the line made 100.
        Assert.Multiple(() =>
        {
            Assert.That(attainment.Shift, Is.EqualTo("2026-11-23/A"));
            Assert.That(attainment.Good, Is.EqualTo(100));
            Assert.That(attainment.Target, Is.EqualTo(540));
            Assert.That(attainment.Ratio, Is.EqualTo(Math.Round(100 / 540.0, 4)));
        });
    }
}

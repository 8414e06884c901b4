using System.Globalization;
using UnsMes.Uns.Calendar;

namespace UnsMes.Uns.Tests.Calendar;

public class PlannedTimeTests
{
    // Two shifts: 06:00-14:00 with lunch 11:30-12:00, and a night shift 22:00-06:00 with a break 02:00-02:30.
    private static readonly ShiftCalendar Calendar = new(
    [
        new ShiftModel("A", TimeSpan.FromHours(6), TimeSpan.FromHours(14), [new BreakModel("lunch", TimeSpan.FromHours(11.5), TimeSpan.FromMinutes(30))]),
        new ShiftModel("C", TimeSpan.FromHours(22), TimeSpan.FromHours(6), [new BreakModel("meal", TimeSpan.FromHours(2), TimeSpan.FromMinutes(30))]),
    ]);

    private static DateTimeOffset At(string text) => DateTimeOffset.Parse(text, CultureInfo.InvariantCulture);

    [TestCase("2026-11-23T06:00:00Z", "2026-11-23T14:00:00Z", 7.5)]
    [TestCase("2026-11-23T10:00:00Z", "2026-11-23T11:45:00Z", 1.5)]
    [TestCase("2026-11-23T13:00:00Z", "2026-11-23T23:00:00Z", 2.0)]
    [TestCase("2026-11-23T21:00:00Z", "2026-11-24T07:00:00Z", 8.5)]
    [TestCase("2026-11-23T00:00:00Z", "2026-11-24T00:00:00Z", 15.0)]
    public void PlannedBetween_CountsShiftTimeOutsideBreaks(string from, string to, double hours) =>
        Assert.That(Calendar.PlannedBetween(At(from), At(to)).TotalHours, Is.EqualTo(hours).Within(1e-9));

    [Test]
    public void AddPlanned_SkipsBreaksAndTheGapBetweenShifts()
    {
        // From 11:00: 30 min to lunch, then 12:00-14:00 (2 h), then the night shift from 22:00: 1 h more ends at 23:00.
        var end = Calendar.AddPlanned(At("2026-11-23T11:00:00Z"), TimeSpan.FromHours(3.5), TimeSpan.FromDays(7));

        Assert.That(end, Is.EqualTo(At("2026-11-23T23:00:00Z")));
    }

    [Test]
    public void AddPlanned_CalendarWithoutEnoughTimeBeforeTheHorizon_IsNull() =>
        Assert.That(Calendar.AddPlanned(At("2026-11-23T06:00:00Z"), TimeSpan.FromHours(100), TimeSpan.FromDays(2)), Is.Null);
}

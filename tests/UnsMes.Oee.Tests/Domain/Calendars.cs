using UnsMes.Uns.Calendar;

namespace UnsMes.Oee.Tests.Domain;

/// <summary>Shift calendars the scenarios run on.</summary>
internal static class Calendars
{
    /// <summary>One shift A, 06:00-14:00, no breaks.</summary>
    public static readonly ShiftCalendar DayShift = new([Shift("A", 6, 14)]);

    /// <summary>Shift A 06:00-14:00 with a break 10:00-10:30.</summary>
    public static readonly ShiftCalendar DayShiftWithBreak = new([Shift("A", 6, 14, new BreakModel("break", TimeSpan.FromHours(10), TimeSpan.FromMinutes(30)))]);

    /// <summary>A 06:00-14:00 and B 14:00-22:00.</summary>
    public static readonly ShiftCalendar TwoShifts = new([Shift("A", 6, 14), Shift("B", 14, 22)]);

    /// <summary>A 06:00-14:00, B 14:00-22:00 and the night shift N 22:00-06:00 with a break 02:00-02:30.</summary>
    public static readonly ShiftCalendar ThreeShifts = new([
        Shift("A", 6, 14),
        Shift("B", 14, 22),
        Shift("N", 22, 6, new BreakModel("break", TimeSpan.FromHours(2), TimeSpan.FromMinutes(30))),
    ]);

    private static ShiftModel Shift(string name, int startHour, int endHour, params BreakModel[] breaks) =>
        new(name, TimeSpan.FromHours(startHour), TimeSpan.FromHours(endHour), breaks);
}

using System.ComponentModel.DataAnnotations;
using System.Globalization;

namespace UnsMes.Uns.Calendar;

/// <summary>One shift as configured (UTC times of day, <c>06:00</c>), with its planned breaks.</summary>
public sealed class ShiftOptions
{
    [Required]
    public string Name { get; set; } = "";

    [Required]
    public string Start { get; set; } = "06:00";

    [Required]
    public string End { get; set; } = "14:00";

    public List<BreakOptions> Breaks { get; set; } = [];

    /// <summary>The calendar these shifts describe; without any shift, production is planned around the clock.</summary>
    public static ShiftCalendar ToCalendar(IReadOnlyCollection<ShiftOptions> shifts) => shifts.Count == 0
        ? ShiftCalendar.AroundTheClock
        : new ShiftCalendar([.. shifts.Select(s => new ShiftModel(
            s.Name,
            TimeOfDay(s.Start),
            TimeOfDay(s.End),
            [.. s.Breaks.Select(b => new BreakModel(b.Name, TimeOfDay(b.Start), TimeSpan.FromMinutes(b.Minutes)))]))]);

    private static TimeSpan TimeOfDay(string text) =>
        TimeSpan.TryParseExact(text, @"hh\:mm", CultureInfo.InvariantCulture, out var time)
            ? time
            : throw new FormatException($"Shifts: '{text}' is not a time of day like 06:00.");
}

public sealed class BreakOptions
{
    public string Name { get; set; } = "break";

    [Required]
    public string Start { get; set; } = "09:00";

    [Range(1, 24 * 60)]
    public double Minutes { get; set; } = 15;
}

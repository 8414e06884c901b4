namespace UnsMes.Uns.Calendar;

/// <summary>
/// Shifts by time of day (UTC, the plant's clock) with planned breaks. Outside every shift no production is
/// planned; during a break it is a planned stop.
/// </summary>
public sealed record ShiftCalendar(IReadOnlyList<ShiftModel> Shifts)
{
    public static readonly ShiftCalendar AroundTheClock = new([new ShiftModel("all-day", TimeSpan.Zero, TimeSpan.FromHours(24), [])]);

    /// <summary>The shift running at this instant, or null when none is.</summary>
    public ShiftModel? ShiftAt(DateTimeOffset at)
    {
        var time = at.UtcDateTime.TimeOfDay;
        return Shifts.FirstOrDefault(s => s.Contains(time));
    }

    /// <summary>The break in progress at this instant, or null.</summary>
    public BreakModel? BreakAt(DateTimeOffset at)
    {
        var time = at.UtcDateTime.TimeOfDay;
        return ShiftAt(at)?.Breaks.FirstOrDefault(b => b.Contains(time));
    }
}

public sealed record ShiftModel(string Name, TimeSpan Start, TimeSpan End, IReadOnlyList<BreakModel> Breaks)
{
    /// <summary>True when the time of day falls in the shift; a shift may run past midnight (22:00-06:00).</summary>
    public bool Contains(TimeSpan timeOfDay) =>
        Start < End ? timeOfDay >= Start && timeOfDay < End : timeOfDay >= Start || timeOfDay < End;
}

public sealed record BreakModel(string Name, TimeSpan Start, TimeSpan Duration)
{
    public bool Contains(TimeSpan timeOfDay)
    {
        var end = Start + Duration;
        return end <= TimeSpan.FromHours(24)
            ? timeOfDay >= Start && timeOfDay < end
            : timeOfDay >= Start || timeOfDay < end - TimeSpan.FromHours(24);
    }
}

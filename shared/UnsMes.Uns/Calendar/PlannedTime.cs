namespace UnsMes.Uns.Calendar;

/// <summary>
/// Planned production time on a shift calendar: time inside a shift and outside its breaks. Walks the calendar
/// segment by segment (from one shift or break boundary to the next), so a week costs a few dozen steps.
/// </summary>
public static class PlannedTime
{
    private static readonly TimeSpan Day = TimeSpan.FromDays(1);

    /// <summary>How much planned production time lies between two instants.</summary>
    public static TimeSpan PlannedBetween(this ShiftCalendar calendar, DateTimeOffset from, DateTimeOffset to)
    {
        var total = TimeSpan.Zero;
        foreach (var (start, end) in PlannedSegments(calendar, from, to))
        {
            total += end - start;
        }

        return total;
    }

    /// <summary>
    /// The instant at which <paramref name="planned"/> production time has passed after <paramref name="from"/>, or
    /// null when the calendar does not hold that much before <paramref name="horizon"/> (a calendar without shifts).
    /// </summary>
    public static DateTimeOffset? AddPlanned(this ShiftCalendar calendar, DateTimeOffset from, TimeSpan planned, TimeSpan horizon)
    {
        var left = planned;
        if (left <= TimeSpan.Zero)
        {
            return from;
        }

        foreach (var (start, end) in PlannedSegments(calendar, from, from + horizon))
        {
            if (end - start >= left)
            {
                return start + left;
            }

            left -= end - start;
        }

        return null;
    }

    private static IEnumerable<(DateTimeOffset Start, DateTimeOffset End)> PlannedSegments(ShiftCalendar calendar, DateTimeOffset from, DateTimeOffset to)
    {
        var boundaries = Boundaries(calendar);
        var t = from.ToUniversalTime();
        while (t < to)
        {
            var next = NextBoundary(boundaries, t);
            var end = next < to ? next : to;
            var middle = t + ((end - t) / 2);
            if (calendar.ShiftAt(middle) is not null && calendar.BreakAt(middle) is null)
            {
                yield return (t, end);
            }

            t = end;
        }
    }

    private static TimeSpan[] Boundaries(ShiftCalendar calendar)
    {
        var times = new SortedSet<TimeSpan> { TimeSpan.Zero };
        foreach (var shift in calendar.Shifts)
        {
            times.Add(Wrap(shift.Start));
            times.Add(Wrap(shift.End));
            foreach (var pause in shift.Breaks)
            {
                times.Add(Wrap(pause.Start));
                times.Add(Wrap(pause.Start + pause.Duration));
            }
        }

        return [.. times];
    }

    private static DateTimeOffset NextBoundary(TimeSpan[] boundaries, DateTimeOffset t)
    {
        var midnight = new DateTimeOffset(t.UtcDateTime.Date, TimeSpan.Zero);
        var timeOfDay = t - midnight;
        foreach (var boundary in boundaries)
        {
            if (boundary > timeOfDay)
            {
                return midnight + boundary;
            }
        }

        return midnight + Day;
    }

    private static TimeSpan Wrap(TimeSpan timeOfDay) => TimeSpan.FromTicks(((timeOfDay.Ticks % Day.Ticks) + Day.Ticks) % Day.Ticks);
}

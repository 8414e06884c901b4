using System.Globalization;
using UnsMes.Uns.Calendar;

namespace UnsMes.Oee.Domain;

/// <summary>
/// Answers, for an instant, which hour, day and shift window it belongs to and whether production is planned then
/// (inside a shift and outside its breaks), and lists the instants where any of that changes.
/// </summary>
internal sealed class WindowCalendar(ShiftCalendar calendar)
{
    internal const long HourMs = 3_600_000;
    internal const long DayMs = 24 * HourMs;

    public static OeeWindow HourOf(long atMs)
    {
        var start = FloorTo(atMs, HourMs);
        return new OeeWindow(WindowKind.Hour, Format(start, "yyyy-MM-dd'T'HH"), start, start + HourMs);
    }

    public static OeeWindow DayOf(long atMs)
    {
        var start = FloorTo(atMs, DayMs);
        return new OeeWindow(WindowKind.Day, Format(start, "yyyy-MM-dd"), start, start + DayMs);
    }

    /// <summary>The shift occurrence running at the instant, or null outside every shift.</summary>
    public OeeWindow? ShiftOf(long atMs)
    {
        var at = DateTimeOffset.FromUnixTimeMilliseconds(atMs);
        if (calendar.ShiftAt(at) is not { } shift)
        {
            return null;
        }

        // A shift that runs past midnight (22:00-06:00) belongs to the date it started on.
        var dayStart = FloorTo(atMs, DayMs);
        var crossesMidnight = shift.Start >= shift.End;
        if (crossesMidnight && at.UtcDateTime.TimeOfDay < shift.Start)
        {
            dayStart -= DayMs;
        }

        var start = dayStart + (long)shift.Start.TotalMilliseconds;
        var end = dayStart + (crossesMidnight ? DayMs : 0) + (long)shift.End.TotalMilliseconds;
        return new OeeWindow(WindowKind.Shift, $"{Format(dayStart, "yyyy-MM-dd")}/{shift.Name}", start, end);
    }

    /// <summary>True inside a shift and outside its breaks: the machine is expected to produce.</summary>
    public bool IsPlanned(long atMs)
    {
        var at = DateTimeOffset.FromUnixTimeMilliseconds(atMs);
        return calendar.ShiftAt(at) is not null && calendar.BreakAt(at) is null;
    }

    /// <summary>The instants strictly between the two where an hour, a day, a shift or a break begins or ends, in order.</summary>
    public List<long> BoundariesBetween(long fromMs, long toMs)
    {
        var boundaries = new SortedSet<long>();
        for (var hour = FloorTo(fromMs, HourMs) + HourMs; hour < toMs; hour += HourMs)
        {
            boundaries.Add(hour);
        }

        // Shift and break times are times of day; a break may run past midnight, so look one day either side.
        for (var day = FloorTo(fromMs, DayMs) - DayMs; day <= toMs; day += DayMs)
        {
            foreach (var shift in calendar.Shifts)
            {
                AddIfBetween(boundaries, day + (long)shift.Start.TotalMilliseconds, fromMs, toMs);
                AddIfBetween(boundaries, day + (long)shift.End.TotalMilliseconds, fromMs, toMs);
                foreach (var pause in shift.Breaks)
                {
                    AddIfBetween(boundaries, day + (long)pause.Start.TotalMilliseconds, fromMs, toMs);
                    AddIfBetween(boundaries, day + (long)(pause.Start + pause.Duration).TotalMilliseconds, fromMs, toMs);
                }
            }
        }

        return [.. boundaries];
    }

    private static void AddIfBetween(SortedSet<long> boundaries, long atMs, long fromMs, long toMs)
    {
        if (atMs > fromMs && atMs < toMs)
        {
            boundaries.Add(atMs);
        }
    }

    private static long FloorTo(long atMs, long unitMs) => atMs - (((atMs % unitMs) + unitMs) % unitMs);

    private static string Format(long atMs, string pattern) =>
        DateTimeOffset.FromUnixTimeMilliseconds(atMs).UtcDateTime.ToString(pattern, CultureInfo.InvariantCulture);
}

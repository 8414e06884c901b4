using System.Globalization;

namespace UnsMes.Oee.Tests.Domain;

/// <summary>Times of the test day, Monday 2026-11-23 (UTC), as epoch milliseconds.</summary>
internal static class PlantTime
{
    public static readonly DateTimeOffset Day = new(2026, 11, 23, 0, 0, 0, TimeSpan.Zero);

    /// <summary>"06:00" or "13:59:59" on the test day, or <paramref name="days"/> later.</summary>
    public static long At(string timeOfDay, int days = 0) =>
        (Day + TimeSpan.FromDays(days) + TimeSpan.Parse(timeOfDay, CultureInfo.InvariantCulture)).ToUnixTimeMilliseconds();

    public static long Seconds(double seconds) => (long)(seconds * 1000);
}

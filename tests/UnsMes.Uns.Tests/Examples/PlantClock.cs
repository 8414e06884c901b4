using Microsoft.Extensions.Time.Testing;

namespace UnsMes.Uns.Tests.Examples;

/// <summary>
/// The instant the examples are written for: Monday 2025-03-10, 14:00 UTC, the end of the early shift
/// (06:00-14:00). Every timestamp in the examples is counted from midnight of that day.
/// </summary>
public static class PlantClock
{
    /// <summary>2025-03-10T00:00:00Z: 1,735,689,600 s (2025-01-01) + 68 days x 86,400 s, in milliseconds.</summary>
    public const long Midnight = 1_741_564_800_000;

    public const long Minute = 60_000;
    public const long Hour = 60 * Minute;

    /// <summary>2025-03-10T14:00:00Z.</summary>
    public const long Now = Midnight + (14 * Hour);

    public static DateTimeOffset NowAsDate { get; } = new(2025, 3, 10, 14, 0, 0, TimeSpan.Zero);

    public static FakeTimeProvider Create() => new(NowAsDate);
}

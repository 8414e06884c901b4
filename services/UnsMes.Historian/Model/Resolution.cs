namespace UnsMes.Historian.Model;

/// <summary>Where aggregates come from: raw samples, or the minute and hour rollups.</summary>
public enum Resolution
{
    Raw = 0,
    Minute = 1,
    Hour = 2,
}

public static class ResolutionExtensions
{
    public static long Milliseconds(this Resolution resolution) => resolution switch
    {
        Resolution.Minute => 60_000,
        Resolution.Hour => 3_600_000,
        _ => 1,
    };

    public static string Name(this Resolution resolution) => resolution switch
    {
        Resolution.Minute => "1m",
        Resolution.Hour => "1h",
        _ => "raw",
    };
}

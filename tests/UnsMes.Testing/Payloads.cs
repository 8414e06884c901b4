namespace UnsMes.Testing;

/// <summary>Hand-written namespace payloads for broker tests.</summary>
public static class Payloads
{
    public const string StateTopic = "uns/v1/acme/plant1/machining/line1/cnc01/_state";

    public static string Now => DateTimeOffset.UtcNow.ToUnixTimeMilliseconds().ToString(System.Globalization.CultureInfo.InvariantCulture);

    /// <summary>A running state whose <c>since</c> equals its <c>ts</c> (one clock read, so since is never after ts).</summary>
    public static string RunningState()
    {
        var now = Now;
        return $$"""{"v":1,"ts":{{now}},"state":"running","since":{{now}}}""";
    }
}

namespace UnsMes.Testing;

/// <summary>Hand-written namespace payloads for broker tests.</summary>
public static class Payloads
{
    public const string StateTopic = "uns/v1/acme/plant1/machining/line1/cnc01/_state";

    public static string Now => DateTimeOffset.UtcNow.ToUnixTimeMilliseconds().ToString(System.Globalization.CultureInfo.InvariantCulture);

    public static string RunningState() =>
        $$"""{"v":1,"ts":{{Now}},"state":"running","since":{{Now}}}""";
}

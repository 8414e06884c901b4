using System.Globalization;
using MQTTnet;
using UnsMes.Testing;

namespace UnsMes.Historian.Tests;

/// <summary>Namespace messages as a machine would publish them.</summary>
internal static class Publish
{
    public const string Cell = "uns/v1/acme/s1/a1/l1/m1";

    public static MqttApplicationMessage Tag(string tag, long ts, string valueJson, string quality = "good", string unit = "%") =>
        TestClients.Message($"{Cell}/_tag/{tag}", $$"""{"v":1,"ts":{{ts}},"value":{{valueJson}},"unit":"{{unit}}","quality":"{{quality}}"}""", retain: true);

    public static MqttApplicationMessage Tag(string tag, long ts, double value) =>
        Tag(tag, ts, value.ToString("R", CultureInfo.InvariantCulture));

    public static long Now() => DateTimeOffset.UtcNow.ToUnixTimeMilliseconds();
}

using System.Globalization;
using System.Text.Json;
using Microsoft.Extensions.Hosting;
using MQTTnet;
using UnsMes.Testing;

namespace UnsMes.EdgePublisher.Tests;

/// <summary>The edge publisher as the plant runs it: the demo plant at accelerated time against the real broker.</summary>
public class EdgeHostTests
{
    private const string Site = "uns/v1/acme/dayton";

    [Test]
    public async Task DemoPlant_AcceleratedTwoHours_PublishesValidStateCountsAndTagsForEveryMachine()
    {
        await using var broker = await TestBroker.StartAsync();
        using var watcher = await TestClients.ConnectAsync(broker);
        var seen = await TestClients.SubscribeAsync(watcher, "uns/#");
        using var edge = await StartEdgeAsync(broker, "Uns");

        await seen.WaitForAsync(m => m.Topic.EndsWith("/rolling/mill1/stand2/_count", StringComparison.Ordinal), TimeSpan.FromSeconds(30));
        await seen.WaitForAsync(m => m.Topic.EndsWith("/machining/line3/cmm03/_count", StringComparison.Ordinal), TimeSpan.FromSeconds(30));
        var topics = seen.Messages.Select(m => m.Topic).ToHashSet();

        Assert.Multiple(() =>
        {
            Assert.That(topics.Count(t => t.EndsWith("/_state", StringComparison.Ordinal)), Is.EqualTo(24), "one retained state per machine");
            Assert.That(topics, Does.Contain($"{Site}/machining/line1/mill01/_tag/vibration"));
            Assert.That(topics.Any(t => t.EndsWith("/_event/stateChanged", StringComparison.Ordinal)), Is.True);
            Assert.That(topics.Where(t => t.StartsWith("uns/v1/_deadletter", StringComparison.Ordinal)), Is.Empty, "the edge published something the contract refuses");
        });
        await edge.StopAsync();
    }

    [Test]
    public async Task ForceStopCommand_MachineGoesDownWithTheGivenReason()
    {
        await using var broker = await TestBroker.StartAsync();
        using var watcher = await TestClients.ConnectAsync(broker);
        var seen = await TestClients.SubscribeAsync(watcher, $"{Site}/machining/line2/mill02/_state");
        using var edge = await StartEdgeAsync(broker, "Uns");
        await seen.WaitForAsync(_ => true, TimeSpan.FromSeconds(30));

        var now = DateTimeOffset.UtcNow.ToUnixTimeMilliseconds().ToString(CultureInfo.InvariantCulture);
        await watcher.PublishAsync(TestClients.Message($"{Site}/machining/line2/mill02/_cmd/forceStop",
            $$$"""{"v":1,"ts":{{{now}}},"commandId":"cmd-1","issuedBy":"test","arguments":{"reasonCode":"jam","reasonText":"Jam at station 2","minutes":"30"}}"""));

        var down = await seen.WaitForAsync(m => m.ConvertPayloadToString().Contains("\"reasonCode\":\"jam\"", StringComparison.Ordinal), TimeSpan.FromSeconds(15));
        using var json = JsonDocument.Parse(down.ConvertPayloadToString());
        Assert.Multiple(() =>
        {
            Assert.That(json.RootElement.GetProperty("state").GetString(), Is.EqualTo("down"));
            Assert.That(json.RootElement.GetProperty("reasonText").GetString(), Is.EqualTo("Jam at station 2"));
        });
        await edge.StopAsync();
    }

    [Test]
    public async Task SparkplugOutput_DemoPlant_BirthsEveryMachineAsADevice()
    {
        await using var broker = await TestBroker.StartAsync();
        using var watcher = await TestClients.ConnectAsync(broker);
        var seen = await TestClients.SubscribeAsync(watcher, "spBv1.0/#");
        using var edge = await StartEdgeAsync(broker, "Sparkplug");

        await seen.WaitForAsync(m => m.Topic == "spBv1.0/UnsMes/NBIRTH/dayton", TimeSpan.FromSeconds(30));
        await seen.WaitForAsync(m => m.Topic == "spBv1.0/UnsMes/DBIRTH/dayton/mill1-stand2", TimeSpan.FromSeconds(30));
        await seen.WaitForAsync(m => m.Topic.StartsWith("spBv1.0/UnsMes/DDATA/dayton/", StringComparison.Ordinal), TimeSpan.FromSeconds(30));

        Assert.That(seen.Messages.Select(m => m.Topic).Where(t => t.Contains("/DBIRTH/", StringComparison.Ordinal)).Distinct().Count(), Is.EqualTo(24));
        await edge.StopAsync();
    }

    private static Task<IHost> StartEdgeAsync(TestBroker broker, string output) =>
        TestEdge.StartAsync(broker, new Dictionary<string, string?>
        {
            ["Edge:Speed"] = "600",
            ["Edge:StartHoursAgo"] = "2",
            ["Edge:Output"] = output,
        });
}

using MQTTnet;
using MQTTnet.Formatter;
using UnsMes.KafkaFanout.Health;
using UnsMes.KafkaFanout.Tests.Kafka;
using UnsMes.Testing;

namespace UnsMes.KafkaFanout.Tests;

/// <summary>Two replicas in one MQTT 5 shared subscription split the stream between them, on Mosquitto and on the UnsMes broker.</summary>
[NonParallelizable]
public sealed class SharedSubscriptionTests
{
    [TestCase("mosquitto")]
    [TestCase("unsmes")]
    public async Task TwoReplicasInOneShareGroup_SplitTheMessages_EachReachesKafkaOnce(string brokerKind)
    {
        const int total = 300;
        const int probeBase = 1_000_000;
        var id = Guid.NewGuid().ToString("N")[..8];
        using var mosquitto = brokerKind == "mosquitto" ? await MosquittoProcess.StartAsync() : null;
        await using var unsmes = brokerKind == "unsmes" ? await TestBroker.StartAsync() : null;
        var port = mosquitto?.Port ?? unsmes!.Port;
        await using var cluster = new MockKafkaCluster();
        await cluster.CreateTopicAsync($"shared{id}", 3);
        // Payloads keep the namespace contract, which the UnsMes broker enforces; the good count tells messages apart.
        string Count(int good) => $$"""{"v":1,"ts":{{DateTimeOffset.UtcNow.ToUnixTimeMilliseconds()}},"good":{{good}},"scrap":0,"unit":"pcs"}""";
        static int Good(string json) => System.Text.Json.JsonDocument.Parse(json).RootElement.GetProperty("good").GetInt32();
        Dictionary<string, string?> Replica(int n) => FanoutHost.Settings(port, cluster.BootstrapServers, $"{id}-{n}", new Dictionary<string, string?>
        {
            ["Kafka:ShareGroup"] = $"share{id}",
            ["Kafka:Filters:0"] = $"uns/v1/e{id}/#",
            ["Kafka:Routes:0:Topic"] = $"shared{id}",
        });
        await using var first = await FanoutHost.StartAsync(Replica(1), null);
        await using var second = await FanoutHost.StartAsync(Replica(2), null);
        var links = new[] { first, second }.Select(h => (KafkaLink)h.Services.GetService(typeof(KafkaLink))!).ToArray();

        using var publisher = new MqttClientFactory().CreateMqttClient();
        await publisher.ConnectAsync(new MqttClientOptionsBuilder().WithTcpServer("127.0.0.1", port).WithProtocolVersion(MqttProtocolVersion.V500).Build());

        // Both replicas are in the group once each has received a probe (the broker hands messages round the group).
        var probes = 0;
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(20);
        while (links.Any(l => l.Delivered == 0))
        {
            Assert.That(DateTime.UtcNow, Is.LessThan(deadline), "both replicas should join the share group");
            await publisher.PublishAsync(TestClients.Message($"uns/v1/e{id}/s/a/l/probe/_count", Count(probeBase + probes++)));
            await Task.Delay(50);
        }

        var before = links.Select(l => l.Delivered).ToArray();
        for (var n = 0; n < total; n++)
        {
            await publisher.PublishAsync(TestClients.Message($"uns/v1/e{id}/s/a/l/m{n % 6}/_count", Count(n)));
        }

        var records = KafkaReader.ReadUntil(cluster.BootstrapServers, $"shared{id}", 3,
            results => results.Count(r => Good(KafkaReader.Text(r.Message.Value)) < probeBase) >= total);
        var values = records.Select(r => Good(KafkaReader.Text(r.Message.Value))).Where(v => v < probeBase).ToList();
        Assert.That(values.Distinct().Count(), Is.EqualTo(total), "every message reached Kafka");
        Assert.That(values, Has.Count.EqualTo(total), "each message went to one replica only");
        var shares = links.Select((l, i) => l.Delivered - before[i]).ToArray();
        Assert.That(shares, Has.All.GreaterThan(0), $"both replicas took part: {string.Join(" / ", shares)}");
        Assert.That(shares.Sum(), Is.EqualTo(total));
    }
}

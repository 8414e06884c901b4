using MQTTnet;
using MQTTnet.Formatter;
using UnsMes.KafkaFanout.Health;
using UnsMes.KafkaFanout.Tests.Kafka;
using UnsMes.Testing;

namespace UnsMes.KafkaFanout.Tests;

/// <summary>Two replicas in one MQTT 5 shared subscription (on Mosquitto, which has them) split the stream between them.</summary>
[NonParallelizable]
public sealed class SharedSubscriptionTests
{
    [Test]
    public async Task TwoReplicasInOneShareGroup_SplitTheMessages_EachReachesKafkaOnce()
    {
        const int total = 300;
        var id = Guid.NewGuid().ToString("N")[..8];
        using var mosquitto = await MosquittoProcess.StartAsync();
        await using var cluster = new MockKafkaCluster();
        await cluster.CreateTopicAsync($"shared{id}", 3);
        Dictionary<string, string?> Replica(int n) => FanoutHost.Settings(mosquitto.Port, cluster.BootstrapServers, $"{id}-{n}", new Dictionary<string, string?>
        {
            ["Kafka:ShareGroup"] = $"share{id}",
            ["Kafka:Filters:0"] = $"uns/v1/e{id}/#",
            ["Kafka:Routes:0:Topic"] = $"shared{id}",
        });
        await using var first = await FanoutHost.StartAsync(Replica(1), null);
        await using var second = await FanoutHost.StartAsync(Replica(2), null);
        var links = new[] { first, second }.Select(h => (KafkaLink)h.Services.GetService(typeof(KafkaLink))!).ToArray();

        using var publisher = new MqttClientFactory().CreateMqttClient();
        await publisher.ConnectAsync(new MqttClientOptionsBuilder().WithTcpServer("127.0.0.1", mosquitto.Port).WithProtocolVersion(MqttProtocolVersion.V500).Build());

        // Both replicas are in the group once each has received a probe (the broker hands messages round the group).
        var probes = 0;
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(20);
        while (links.Any(l => l.Delivered == 0))
        {
            Assert.That(DateTime.UtcNow, Is.LessThan(deadline), "both replicas should join the share group");
            await publisher.PublishAsync(TestClients.Message($"uns/v1/e{id}/s/a/l/probe/_count", $"probe{probes++}"));
            await Task.Delay(50);
        }

        var before = links.Select(l => l.Delivered).ToArray();
        for (var n = 0; n < total; n++)
        {
            await publisher.PublishAsync(TestClients.Message($"uns/v1/e{id}/s/a/l/m{n % 6}/_count", $"{n}"));
        }

        var records = KafkaReader.ReadUntil(cluster.BootstrapServers, $"shared{id}", 3,
            results => results.Count(r => !KafkaReader.Text(r.Message.Value).StartsWith("probe", StringComparison.Ordinal)) >= total);
        var values = records.Select(r => KafkaReader.Text(r.Message.Value)).Where(v => !v.StartsWith("probe", StringComparison.Ordinal)).ToList();
        Assert.That(values.Distinct().Count(), Is.EqualTo(total), "every message reached Kafka");
        Assert.That(values, Has.Count.EqualTo(total), "each message went to one replica only");
        var shares = links.Select((l, i) => l.Delivered - before[i]).ToArray();
        Assert.That(shares, Has.All.GreaterThan(0), $"both replicas took part: {string.Join(" / ", shares)}");
        Assert.That(shares.Sum(), Is.EqualTo(total));
    }
}

using System.Text;
using Confluent.Kafka;
using UnsMes.KafkaFanout.Forwarding;
using UnsMes.KafkaFanout.Tests.Kafka;
using UnsMes.Testing;

namespace UnsMes.KafkaFanout.Tests;

/// <summary>The optional direction: Kafka records published into the namespace, offsets committed after the publish.</summary>
[TestFixture(ClusterKind.LibrdkafkaMock)]
[TestFixture(ClusterKind.ApacheKafkaContainer)]
[NonParallelizable]
public sealed class KafkaToMqttTests(ClusterKind kind)
{
    [Test]
    public async Task Inbound_RecordsWithUnsPath_ArePublishedInOrderAndTheirOffsetsCommittedAfterwards()
    {
        var id = Guid.NewGuid().ToString("N")[..8];
        await using var cluster = await ClusterStarter.StartAsync(kind);
        await using var broker = await TestBroker.StartAsync(extra: MqttToKafkaTests.NoContractValidation);
        var topic = $"plan{id}";
        await cluster.CreateTopicAsync(topic, 1);
        var settings = FanoutHost.Settings(broker, cluster.BootstrapServers, id, new Dictionary<string, string?>
        {
            ["Kafka:Filters:0"] = $"uns/v1/nothing{id}/#",
            ["Kafka:Inbound:Topics:0"] = topic,
            ["Kafka:Inbound:GroupId"] = $"inbound{id}",
            ["Kafka:Inbound:CommitIntervalMs"] = "100",
        });
        // One client per collector: a collector keeps every message its client receives.
        using var watcher = await TestClients.ConnectAsync(broker);
        var commands = await TestClients.SubscribeAsync(watcher, $"uns/v1/e{id}/#");
        using var deadLetterWatcher = await TestClients.ConnectAsync(broker);
        var deadLetters = await TestClients.SubscribeAsync(deadLetterWatcher, "uns/v1/_deadletter/kafka-fanout");
        await using var fanout = await FanoutHost.StartAsync(broker, settings, $"uns/v1/nothing{id}/#");

        var target = $"uns/v1/e{id}/dayton/_cmd/schedule";
        using (var producer = new ProducerBuilder<byte[], byte[]>(new ProducerConfig { BootstrapServers = cluster.BootstrapServers }).Build())
        {
            for (var n = 0; n < 5; n++)
            {
                await producer.ProduceAsync(topic, Record(target, $$"""{"seq":{{n}}}"""));
            }

            await producer.ProduceAsync(topic, Record("not/a/namespace/topic", "{}"));
        }

        await commands.WaitForCountAsync(5, TimeSpan.FromSeconds(30));
        Assert.That(commands.Messages.Select(m => Encoding.UTF8.GetString(m.Payload)),
            Is.EqualTo(Enumerable.Range(0, 5).Select(n => $$"""{"seq":{{n}}}""")), "published in Kafka order");
        Assert.That(commands.Messages.All(m => m.Topic == target));
        var deadLetter = await deadLetters.WaitForAsync(m => Encoding.UTF8.GetString(m.Payload).Contains("not/a/namespace/topic", StringComparison.Ordinal), TimeSpan.FromSeconds(30));
        Assert.That(Encoding.UTF8.GetString(deadLetter.Payload), Does.Contain("inbound"));

        // Every record was published (or dead-lettered), so the group's committed offset moves past all six.
        var committed = await WaitForCommittedAsync(cluster.BootstrapServers, $"inbound{id}", new TopicPartition(topic, 0), 6, TimeSpan.FromSeconds(30));
        Assert.That(committed, Is.EqualTo(6));
    }

    private static Message<byte[], byte[]> Record(string unsPath, string payload) => new()
    {
        Key = Encoding.UTF8.GetBytes(unsPath),
        Value = Encoding.UTF8.GetBytes(payload),
        Headers = new Headers { { KafkaHeaderNames.UnsPath, Encoding.UTF8.GetBytes(unsPath) } },
    };

    private static async Task<long> WaitForCommittedAsync(string bootstrap, string group, TopicPartition partition, long expected, TimeSpan timeout)
    {
        using var consumer = new ConsumerBuilder<byte[], byte[]>(new ConsumerConfig { BootstrapServers = bootstrap, GroupId = group }).Build();
        var deadline = DateTime.UtcNow + timeout;
        long last = -1;
        while (DateTime.UtcNow < deadline)
        {
            last = consumer.Committed([partition], TimeSpan.FromSeconds(5)).Single().Offset.Value;
            if (last >= expected)
            {
                return last;
            }

            await Task.Delay(100);
        }

        return last;
    }
}

using System.Collections.Concurrent;
using Google.Protobuf;
using Microsoft.Extensions.Logging.Abstractions;
using MQTTnet;
using MQTTnet.Formatter;
using MQTTnet.Protocol;
using UnsMes.EdgePublisher.Sparkplug;
using UnsMes.Sparkplug;
using UnsMes.Sparkplug.Protocol;
using UnsMes.Testing;
using Metric = UnsMes.Sparkplug.Protocol.Payload.Types.Metric;
using static UnsMes.EdgePublisher.Tests.Sparkplug.SparkplugTestData;

namespace UnsMes.EdgePublisher.Tests.Sparkplug;

/// <summary>The edge node over MQTTnet against the real UnsMes broker, watched by a second client on spBv1.0/#.</summary>
public class SparkplugBrokerTests
{
    private static readonly string NodeDeath = $"spBv1.0/{Group}/NDEATH/{EdgeNode}";
    private static readonly string NodeBirth = $"spBv1.0/{Group}/NBIRTH/{EdgeNode}";

    [Test]
    public async Task EdgeNode_RealBroker_BirthsAndDataArriveInSeqOrderAndAnAbruptDropDeliversTheMatchingNdeath()
    {
        await using var broker = await TestBroker.StartAsync();
        using var host = await TestClients.ConnectAsync(broker);
        var received = await TestClients.SubscribeAsync(host, "spBv1.0/#");
        var node = new SparkplugEdgeNode(Group, EdgeNode, TimeProvider.System, NullLogger<SparkplugEdgeNode>.Instance, firstBdSeq: 41);
        node.Report(Machine("cnc01", good: 1));

        var client = new MqttClientFactory().CreateMqttClient();
        using (var edge = new SparkplugMqttEdgeNode(node, client, NullLogger<SparkplugMqttEdgeNode>.Instance))
        {
            await edge.ConnectAsync(Options(broker), CancellationToken.None);
            await edge.ReportAsync(Machine("cnc01", good: 2), CancellationToken.None);
            await received.WaitForCountAsync(3);

            var first = received.Messages.Take(3).ToList();
            Assert.Multiple(() =>
            {
                Assert.That(first.Select(m => m.Topic), Is.EqualTo(new[]
                {
                    NodeBirth, $"spBv1.0/{Group}/DBIRTH/{EdgeNode}/cnc01", $"spBv1.0/{Group}/DDATA/{EdgeNode}/cnc01",
                }));
                Assert.That(first.Select(m => Decode(m).Seq), Is.EqualTo(new ulong[] { 0, 1, 2 }));
                Assert.That(first.All(m => m.QualityOfServiceLevel == MqttQualityOfServiceLevel.AtMostOnce && !m.Retain), Is.True);
                Assert.That(Bd(Decode(first[0])), Is.EqualTo(41));
                Assert.That(Decode(first[2]).Metrics.Single().LongValue, Is.EqualTo(2UL));
            });

            // Abrupt: the client goes away without an MQTT DISCONNECT, as a crashed edge node would.
            client.Dispose();
            var death = await received.WaitForAsync(m => m.Topic == NodeDeath);
            Assert.Multiple(() =>
            {
                Assert.That(Bd(Decode(death)), Is.EqualTo(41), "the will carries the bdSeq of the NBIRTH it ends");
                Assert.That(Decode(death).HasSeq, Is.False);
                Assert.That(death.Retain, Is.False);
            });
        }

        // The next connection is a new session: bdSeq goes up in the NBIRTH and in its will alike.
        using var client2 = new MqttClientFactory().CreateMqttClient();
        using var edge2 = new SparkplugMqttEdgeNode(node, client2, NullLogger<SparkplugMqttEdgeNode>.Instance);
        await edge2.ConnectAsync(Options(broker), CancellationToken.None);
        var secondBirth = await received.WaitForAsync(m => m.Topic == NodeBirth && Bd(Decode(m)) == 42);
        Assert.That(Decode(secondBirth).Seq, Is.Zero);
        client2.Dispose();
        await received.WaitForAsync(m => m.Topic == NodeDeath && Bd(Decode(m)) == 42);
    }

    [Test]
    public async Task EdgeNode_HostSendsRebirthAndWrite_RepublishesBirthsAndRaisesTheWrite()
    {
        await using var broker = await TestBroker.StartAsync();
        using var host = await TestClients.ConnectAsync(broker);
        var received = await TestClients.SubscribeAsync(host, "spBv1.0/#");
        var node = new SparkplugEdgeNode(Group, EdgeNode, TimeProvider.System, NullLogger<SparkplugEdgeNode>.Instance);
        var writes = new BlockingCollection<SparkplugWrite>();
        node.WriteRequested += (_, write) => writes.Add(write);
        node.Report(Machine("cnc01"));
        using var client = new MqttClientFactory().CreateMqttClient();
        using var edge = new SparkplugMqttEdgeNode(node, client, NullLogger<SparkplugMqttEdgeNode>.Instance);
        await edge.ConnectAsync(Options(broker), CancellationToken.None);
        await edge.ReportAsync(Machine("cnc01", good: 3), CancellationToken.None);
        await received.WaitForCountAsync(3);

        await host.PublishAsync(Command($"spBv1.0/{Group}/NCMD/{EdgeNode}", new Metric { Name = SparkplugNodeControl.Rebirth, Datatype = 11, BooleanValue = true }));
        await host.PublishAsync(Command($"spBv1.0/{Group}/DCMD/{EdgeNode}/cnc01", new Metric { Name = "State", Datatype = 12, StringValue = "stopped" }));
        await received.WaitForCountAsync(7);

        var rebirth = received.Messages.Skip(3).Where(m => !m.Topic.Contains("CMD", StringComparison.Ordinal)).Take(2).ToList();
        Assert.Multiple(() =>
        {
            Assert.That(rebirth.Select(m => m.Topic), Is.EqualTo(new[] { NodeBirth, $"spBv1.0/{Group}/DBIRTH/{EdgeNode}/cnc01" }));
            Assert.That(rebirth.Select(m => Decode(m).Seq), Is.EqualTo(new ulong[] { 0, 1 }));
            Assert.That(Decode(rebirth[1]).Metrics.Single(m => m.Name == "Counts/Good").LongValue, Is.EqualTo(3UL));
            Assert.That(writes.TryTake(out var write, TimeSpan.FromSeconds(10)), Is.True, "no write was raised");
            Assert.That(write, Is.EqualTo(new SparkplugWrite("cnc01", "State", SparkplugDataType.String, "stopped")));
        });

        await edge.DisconnectAsync(CancellationToken.None);
        var death = await received.WaitForAsync(m => m.Topic == NodeDeath);
        Assert.That(Bd(Decode(death)), Is.EqualTo(node.BdSeq));
    }

    private static MqttClientOptions Options(TestBroker broker) =>
        new MqttClientOptionsBuilder()
            .WithTcpServer("127.0.0.1", broker.Port)
            .WithClientId($"sparkplug-edge-{Guid.NewGuid():N}")
            .WithProtocolVersion(MqttProtocolVersion.V311)
            .WithTimeout(TimeSpan.FromSeconds(10))
            .Build();

    private static MqttApplicationMessage Command(string topic, Metric metric)
    {
        var payload = new Payload { Timestamp = (ulong)DateTimeOffset.UtcNow.ToUnixTimeMilliseconds() };
        payload.Metrics.Add(metric);
        return new MqttApplicationMessageBuilder().WithTopic(topic).WithPayload(payload.ToByteArray()).Build();
    }

    private static Payload Decode(MqttApplicationMessage message) => Payload.Parser.ParseFrom(message.Payload);

    private static long Bd(Payload payload) => (long)payload.Metrics.Single(m => m.Name == SparkplugNodeControl.BdSeq).LongValue;
}

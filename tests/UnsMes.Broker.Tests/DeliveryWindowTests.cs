using System.Collections.Concurrent;
using System.Text;
using MQTTnet;
using MQTTnet.Formatter;
using MQTTnet.Protocol;
using UnsMes.Testing;

namespace UnsMes.Broker.Tests;

/// <summary>
/// Flow control for deliveries: a client is never sent more unacknowledged QoS 1 messages than its Receive Maximum (or
/// the broker's cap); the rest wait in the broker and all arrive, in order, as acknowledgements come back.
/// </summary>
public class DeliveryWindowTests
{
    private const string Topic = "window/line1/count";

    [TestCase(MqttProtocolVersion.V500, 5, 1000, 5)]
    [TestCase(MqttProtocolVersion.V311, 0, 3, 3)]
    public async Task Backlog_SlowConsumer_NeverHasMoreUnacknowledgedThanAllowedAndGetsEverythingInOrder(
        MqttProtocolVersion protocol, int receiveMaximum, int brokerCap, int allowed)
    {
        const int Count = 300;
        await using var broker = await TestBroker.StartAsync(extra: new Dictionary<string, string?> { ["Broker:MaxInFlightPerClient"] = $"{brokerCap}" });
        var consumerId = $"slow-{Guid.NewGuid():N}";
        using (var first = await ConnectAsync(broker, consumerId, protocol, receiveMaximum, cleanStart: false))
        {
            await first.SubscribeAsync(Topic, MqttQualityOfServiceLevel.AtLeastOnce);
            await first.DisconnectAsync();
        }

        // The backlog builds while the consumer is away, as it does for a historian or fan-out that was stopped.
        using var publisher = await TestClients.ConnectAsync(broker);
        for (var i = 0; i < Count; i++)
        {
            await publisher.PublishAsync(new MqttApplicationMessageBuilder().WithTopic(Topic).WithPayload($"{i}")
                .WithQualityOfServiceLevel(MqttQualityOfServiceLevel.AtLeastOnce).Build());
        }

        // What the window holds back is visible to operators.
        using var watcher = await TestClients.ConnectAsync(broker);
        var held = await TestClients.SubscribeAsync(watcher, "$SYS/broker/messages/held");
        await held.WaitForAsync(m => m.ConvertPayloadToString() == $"{Count - allowed}");

        var unacknowledged = new ConcurrentQueue<MqttApplicationMessageReceivedEventArgs>();
        var received = new ConcurrentQueue<int>();
        var mostUnacknowledged = 0;
        using var consumer = new MqttClientFactory().CreateMqttClient();
        consumer.ApplicationMessageReceivedAsync += e =>
        {
            e.AutoAcknowledge = false;
            unacknowledged.Enqueue(e);
            received.Enqueue(int.Parse(Encoding.UTF8.GetString(e.ApplicationMessage.Payload), System.Globalization.CultureInfo.InvariantCulture));
            InterlockedMax(ref mostUnacknowledged, unacknowledged.Count);
            return Task.CompletedTask;
        };
        await consumer.ConnectAsync(Options(broker, consumerId, protocol, receiveMaximum, cleanStart: false));

        // Acknowledge slowly, one at a time, so the broker always has more to send than the window lets it.
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        while (received.Count < Count || !unacknowledged.IsEmpty)
        {
            await Task.Delay(unacknowledged.Count >= allowed ? 1 : 5, timeout.Token);
            if (unacknowledged.TryDequeue(out var oldest))
            {
                await oldest.AcknowledgeAsync(timeout.Token);
            }
        }

        while (held.Messages.Last().ConvertPayloadToString() != "0")
        {
            await Task.Delay(50, timeout.Token); // the next report after the last release
        }

        Assert.Multiple(() =>
        {
            Assert.That(received, Is.EqualTo(Enumerable.Range(0, Count)), "every message, once, in order");
            Assert.That(mostUnacknowledged, Is.LessThanOrEqualTo(allowed), "never more unacknowledged than allowed");
            Assert.That(mostUnacknowledged, Is.EqualTo(allowed), "the window is used to the full");
        });
    }

    [Test]
    public async Task Window_QoS0Subscription_ReceivesQoS1MessagesPastTheWindow()
    {
        await using var broker = await TestBroker.StartAsync(extra: new Dictionary<string, string?> { ["Broker:MaxInFlightPerClient"] = "2" });
        using var consumer = await TestClients.ConnectAsync(broker);
        var messages = await TestClients.SubscribeAsync(consumer, "window/#", MqttQualityOfServiceLevel.AtMostOnce);
        using var publisher = await TestClients.ConnectAsync(broker);
        for (var i = 0; i < 50; i++)
        {
            await publisher.PublishAsync(new MqttApplicationMessageBuilder().WithTopic(Topic).WithPayload($"{i}")
                .WithQualityOfServiceLevel(MqttQualityOfServiceLevel.AtLeastOnce).Build());
        }

        // QoS 0 deliveries are never acknowledged: counting them against the window would stop the flow after two.
        await messages.WaitForCountAsync(50);
        Assert.That(messages.Messages.Select(m => m.QualityOfServiceLevel).Distinct(), Is.EqualTo(new[] { MqttQualityOfServiceLevel.AtMostOnce }));
    }

    [Test]
    public async Task CleanStart_AfterABacklogWasHeld_GetsOnlyNewMessagesAndTheWindowStartsEmpty()
    {
        await using var broker = await TestBroker.StartAsync(extra: new Dictionary<string, string?> { ["Broker:MaxInFlightPerClient"] = "2" });
        var consumerId = $"restart-{Guid.NewGuid():N}";
        using (var first = await ConnectAsync(broker, consumerId, MqttProtocolVersion.V500, 0, cleanStart: false))
        {
            await first.SubscribeAsync(Topic, MqttQualityOfServiceLevel.AtLeastOnce);
            await first.DisconnectAsync();
        }

        using var publisher = await TestClients.ConnectAsync(broker);
        for (var i = 0; i < 10; i++)
        {
            await publisher.PublishAsync(new MqttApplicationMessageBuilder().WithTopic(Topic).WithPayload($"old {i}")
                .WithQualityOfServiceLevel(MqttQualityOfServiceLevel.AtLeastOnce).Build());
        }

        using var fresh = await ConnectAsync(broker, consumerId, MqttProtocolVersion.V500, 0, cleanStart: true);
        var messages = await TestClients.SubscribeAsync(fresh, Topic);
        for (var i = 0; i < 5; i++)
        {
            await publisher.PublishAsync(new MqttApplicationMessageBuilder().WithTopic(Topic).WithPayload($"new {i}")
                .WithQualityOfServiceLevel(MqttQualityOfServiceLevel.AtLeastOnce).Build());
        }

        await messages.WaitForAsync(m => Encoding.UTF8.GetString(m.Payload) == "new 4");
        await Task.Delay(300);
        Assert.That(messages.Messages.Select(m => Encoding.UTF8.GetString(m.Payload)), Is.EqualTo(Enumerable.Range(0, 5).Select(i => $"new {i}")),
            "the old session's held messages are gone and the new session is not held back by what the old one owed");
    }

    [Test]
    public async Task HeldMessages_KeepTheRetainFlagOnlyWhenTheSubscriptionAsksForIt()
    {
        await using var broker = await TestBroker.StartAsync(extra: new Dictionary<string, string?> { ["Broker:MaxInFlightPerClient"] = "1" });
        var ids = new[] { $"plain-{Guid.NewGuid():N}", $"rap-{Guid.NewGuid():N}" };
        foreach (var (id, retainAsPublished) in ids.Zip(new[] { false, true }))
        {
            using var first = await ConnectAsync(broker, id, MqttProtocolVersion.V500, 0, cleanStart: false);
            await first.SubscribeAsync(new MqttClientSubscribeOptionsBuilder().WithTopicFilter(f => f
                .WithTopic(Topic).WithAtLeastOnceQoS().WithRetainAsPublished(retainAsPublished)).Build());
            await first.DisconnectAsync();
        }

        using var publisher = await TestClients.ConnectAsync(broker);
        for (var i = 0; i < 5; i++)
        {
            await publisher.PublishAsync(new MqttApplicationMessageBuilder().WithTopic(Topic).WithPayload($"{i}").WithRetainFlag()
                .WithQualityOfServiceLevel(MqttQualityOfServiceLevel.AtLeastOnce).Build());
        }

        var flags = new List<bool[]>();
        foreach (var id in ids)
        {
            var got = new ConcurrentQueue<MqttApplicationMessage>();
            using var client = new MqttClientFactory().CreateMqttClient();
            client.ApplicationMessageReceivedAsync += e =>
            {
                got.Enqueue(e.ApplicationMessage);
                return Task.CompletedTask;
            };
            await client.ConnectAsync(Options(broker, id, MqttProtocolVersion.V500, 0, cleanStart: false));
            using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(10));
            while (got.Count < 5)
            {
                await Task.Delay(10, timeout.Token);
            }

            flags.Add([.. got.Select(m => m.Retain)]);
        }

        Assert.Multiple(() =>
        {
            Assert.That(flags[0], Is.All.False, "a plain subscription gets live messages without the retain flag");
            Assert.That(flags[1], Is.All.True, "retain-as-published keeps it, also for the messages that were held");
        });
    }

    private static void InterlockedMax(ref int target, int value)
    {
        int seen;
        while ((seen = Volatile.Read(ref target)) < value && Interlocked.CompareExchange(ref target, value, seen) != seen)
        {
        }
    }

    private static async Task<IMqttClient> ConnectAsync(TestBroker broker, string clientId, MqttProtocolVersion protocol, int receiveMaximum, bool cleanStart)
    {
        var client = new MqttClientFactory().CreateMqttClient();
        await client.ConnectAsync(Options(broker, clientId, protocol, receiveMaximum, cleanStart));
        return client;
    }

    private static MqttClientOptions Options(TestBroker broker, string clientId, MqttProtocolVersion protocol, int receiveMaximum, bool cleanStart)
    {
        var builder = new MqttClientOptionsBuilder()
            .WithTcpServer("127.0.0.1", broker.Port)
            .WithClientId(clientId)
            .WithProtocolVersion(protocol)
            .WithCleanStart(cleanStart);
        if (protocol == MqttProtocolVersion.V500)
        {
            builder.WithSessionExpiryInterval(3600);
            if (receiveMaximum > 0)
            {
                builder.WithReceiveMaximum((ushort)receiveMaximum);
            }
        }

        return builder.Build();
    }
}

using System.Buffers;
using System.Collections.Concurrent;
using System.Text.Json;
using Microsoft.Extensions.Logging.Abstractions;
using MQTTnet;
using MQTTnet.Protocol;
using UnsMes.ServiceDefaults.Uns;
using UnsMes.Testing;
using UnsMes.Uns.Topics;

namespace UnsMes.Broker.Tests;

/// <summary>
/// The UNS client's socket batches reads and writes (many packets per system call). Bursts of mixed sizes, some
/// larger than its read buffer and than one send, must still arrive whole and in order, and a clean stop must still
/// deliver the DISCONNECT (else the broker would publish the client's will).
/// </summary>
public class UnsClientTransportTests
{
    private static readonly int[] Sizes = [1, 17, 300, 4_000, 30_000, 65_000];

    [Test]
    public async Task PublishBurst_MixedSizes_ArriveWholeAndInOrderAtAnIndependentClient()
    {
        await using var broker = await TestBroker.StartAsync();
        using var subscriber = await TestClients.ConnectAsync(broker);
        var received = await TestClients.SubscribeAsync(subscriber, "test/burst/#");
        await using var client = await StartClientAsync(broker, "burst-publisher");
        const int count = 3_000;

        // All at once: the client queues them in its socket's pipe while earlier ones are being sent.
        await Task.WhenAll(Enumerable.Range(0, count).Select(i => client.PublishAsync(Message(i), CancellationToken.None)));

        await received.WaitForCountAsync(count, TimeSpan.FromSeconds(60));
        AssertWholeAndInOrder(received.Messages.Select(m => (m.Topic, m.Payload.ToArray())).ToList(), count);
    }

    [Test]
    public async Task ReceiveBurst_MixedSizes_ArriveWholeAndInOrderAtTheClient()
    {
        await using var broker = await TestBroker.StartAsync();
        await using var client = await StartClientAsync(broker, "burst-subscriber");
        var received = new ConcurrentQueue<(string Topic, byte[] Payload)>();
        await client.SubscribeAsync("test/burst/#", UnsQos.AtLeastOnce, (message, _) =>
        {
            received.Enqueue((message.Topic, message.Payload.ToArray()));
            return Task.CompletedTask;
        }, CancellationToken.None);
        using var publisher = await TestClients.ConnectAsync(broker);
        const int count = 3_000;

        for (var i = 0; i < count; i++)
        {
            await publisher.PublishAsync(Message(i));
        }

        using var deadline = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        while (received.Count < count && !deadline.IsCancellationRequested)
        {
            await Task.Delay(50);
        }

        AssertWholeAndInOrder([.. received], count);
    }

    [Test]
    public async Task CleanStop_DisconnectReachesTheBroker_WillIsNotPublished()
    {
        await using var broker = await TestBroker.StartAsync();
        using var watcher = await TestClients.ConnectAsync(broker);
        var statuses = await TestClients.SubscribeAsync(watcher, UnsTopic.Status("transport-test").ToString());
        var client = await StartClientAsync(broker, "transport-test", publishStatus: true);
        await statuses.WaitForAsync(m => Health(m) == "healthy");

        await client.StopAsync(CancellationToken.None);
        await client.DisposeAsync();
        await statuses.WaitForAsync(m => Health(m) == "offline");
        await Task.Delay(TimeSpan.FromSeconds(1.5));

        // The client says "offline" itself before it disconnects; a lost DISCONNECT would add the will's "offline".
        Assert.That(statuses.Messages.Count(m => Health(m) == "offline"), Is.EqualTo(1));
    }

    private static async Task<UnsClient> StartClientAsync(TestBroker broker, string name, bool publishStatus = false)
    {
        var options = new UnsClientOptions { Host = "127.0.0.1", Port = broker.Port, PublishStatus = publishStatus, CleanStart = true };
        var client = new UnsClient(name, options, NullLogger<UnsClient>.Instance, TimeProvider.System);
        await client.StartAsync(CancellationToken.None);
        await client.WaitUntilConnectedAsync(CancellationToken.None).WaitAsync(TimeSpan.FromSeconds(10));
        return client;
    }

    /// <summary>Message i: topic by i mod 4, a size from <see cref="Sizes"/>, every byte derived from i.</summary>
    private static MqttApplicationMessage Message(int i) =>
        new MqttApplicationMessageBuilder()
            .WithTopic($"test/burst/{i % 4}")
            .WithPayload(Payload(i))
            .WithQualityOfServiceLevel(MqttQualityOfServiceLevel.AtLeastOnce)
            .Build();

    private static byte[] Payload(int i)
    {
        var payload = new byte[Sizes[i % Sizes.Length]];
        BitConverter.TryWriteBytes(payload, i);
        for (var k = 4; k < payload.Length; k++)
        {
            payload[k] = (byte)(i * 31 + k);
        }

        return payload;
    }

    private static void AssertWholeAndInOrder(List<(string Topic, byte[] Payload)> received, int count)
    {
        Assert.That(received, Has.Count.EqualTo(count));

        // A 1-byte message carries no index; the others say which message they are, byte for byte.
        var indexed = received.Where(m => m.Payload.Length >= 4).Select(m => (m.Topic, m.Payload, Index: BitConverter.ToInt32(m.Payload))).ToList();
        foreach (var (topic, payload, i) in indexed)
        {
            Assert.That(topic, Is.EqualTo($"test/burst/{i % 4}"));
            Assert.That(payload, Is.EqualTo(Payload(i)), $"message {i} arrived altered");
        }

        Assert.That(indexed.Select(m => m.Index).Distinct().Count(), Is.EqualTo(indexed.Count), "a message arrived twice");

        // Per topic (the order MQTT guarantees), messages come in the order they were published.
        foreach (var group in indexed.GroupBy(m => m.Topic))
        {
            Assert.That(group.Select(m => m.Index).ToList(), Is.Ordered, $"messages on {group.Key} overtook each other");
        }
    }

    private static string? Health(MqttApplicationMessage message) =>
        JsonDocument.Parse(message.Payload.ToArray()).RootElement.GetProperty("health").GetString();
}

using MQTTnet;
using UnsMes.Testing;

namespace UnsMes.Broker.Tests;

/// <summary>MQTT 5 shared subscriptions: each message goes to one member of each group, plain subscribers get them all.</summary>
public class SharedSubscriptionTests
{
    private const int Count = 60;

    [Test]
    public async Task SharedGroup_TwoMembers_SplitTheMessagesEachOnceWhileAPlainSubscriberGetsAll()
    {
        await using var broker = await TestBroker.StartAsync();
        using var first = await TestClients.ConnectAsync(broker);
        using var second = await TestClients.ConnectAsync(broker);
        using var watcher = await TestClients.ConnectAsync(broker);
        using var publisher = await TestClients.ConnectAsync(broker);
        var a = await TestClients.SubscribeAsync(first, "$share/workers/jobs/#");
        var b = await TestClients.SubscribeAsync(second, "$share/workers/jobs/#");
        var all = await TestClients.SubscribeAsync(watcher, "jobs/#");

        for (var i = 0; i < Count; i++)
        {
            await publisher.PublishAsync(TestClients.Message($"jobs/{i}", $"{i}"));
        }

        await all.WaitForAsync(m => m.Topic == $"jobs/{Count - 1}");
        using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(10));
        while (a.Messages.Count + b.Messages.Count < Count)
        {
            await Task.Delay(20, cts.Token);
        }

        var shared = a.Messages.Concat(b.Messages).Select(m => m.Topic).ToList();
        Assert.Multiple(() =>
        {
            Assert.That(shared, Is.EquivalentTo(Enumerable.Range(0, Count).Select(i => $"jobs/{i}")), "every message once across the group");
            Assert.That(a.Messages, Is.Not.Empty, "the first member got a share");
            Assert.That(b.Messages, Is.Not.Empty, "the second member got a share");
            Assert.That(all.Messages, Has.Count.EqualTo(Count), "a plain subscription is not affected");
        });
    }

    [Test]
    public async Task SharedGroup_Connect_IsAnnouncedAndGetsNoRetainedMessagesOnSubscribe()
    {
        await using var broker = await TestBroker.StartAsync();
        using var publisher = await TestClients.ConnectAsync(broker);
        await publisher.PublishAsync(TestClients.Message("jobs/retained", "kept", retain: true));
        var client = new MqttClientFactory().CreateMqttClient();
        var connected = await client.ConnectAsync(new MqttClientOptionsBuilder()
            .WithProtocolVersion(MQTTnet.Formatter.MqttProtocolVersion.V500)
            .WithTcpServer("127.0.0.1", broker.Port)
            .Build());
        var shared = await TestClients.SubscribeAsync(client, "$share/g1/jobs/#");
        var plain = await TestClients.SubscribeAsync(publisher, "jobs/#");

        await plain.WaitForAsync(m => m.Topic == "jobs/retained");
        await publisher.PublishAsync(TestClients.Message("jobs/live", "now"));
        await shared.WaitForAsync(m => m.Topic == "jobs/live");

        Assert.Multiple(() =>
        {
            Assert.That(connected.SharedSubscriptionAvailable, Is.True);
            Assert.That(shared.Messages.Select(m => m.Topic), Is.EqualTo(new[] { "jobs/live" }), "the retained message is not sent to a shared subscription");
        });
        client.Dispose();
    }

    [TestCase("$share/g/a/#", "g", "a/#")]
    [TestCase("$share/group-1/uns/v1/+/_state", "group-1", "uns/v1/+/_state")]
    public void TryParse_SharedFilter_SplitsGroupAndFilter(string topic, string group, string filter)
    {
        Assert.Multiple(() =>
        {
            Assert.That(Subscriptions.SharedSubscriptions.TryParse(topic, out var g, out var f), Is.True);
            Assert.That((g, f), Is.EqualTo((group, filter)));
        });
    }

    [TestCase("jobs/#")]
    [TestCase("$share/g")]
    [TestCase("$share//a")]
    [TestCase("$share/g+/a")]
    public void TryParse_NotASharedFilter_IsFalse(string topic) =>
        Assert.That(Subscriptions.SharedSubscriptions.TryParse(topic, out _, out _), Is.False);
}

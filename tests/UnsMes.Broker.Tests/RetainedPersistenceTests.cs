using System.Text;
using MQTTnet;
using UnsMes.Testing;

namespace UnsMes.Broker.Tests;

public class RetainedPersistenceTests
{
    [Test]
    public async Task RetainedValue_BrokerRestart_IsDeliveredAfterRestart()
    {
        await using var broker = await TestBroker.StartAsync();
        var payload = Payloads.RunningState();
        using (var publisher = await TestClients.ConnectAsync(broker))
        {
            await publisher.PublishAsync(TestClients.Message(Payloads.StateTopic, payload, retain: true));
            await publisher.PublishAsync(TestClients.Message("plain/retained", "42", retain: true));
        }

        await broker.StopAsync();
        await broker.StartAgainAsync();

        using var subscriber = await TestClients.ConnectAsync(broker);
        var received = await TestClients.SubscribeAsync(subscriber, "#");
        var state = await received.WaitForAsync(m => m.Topic == Payloads.StateTopic);
        var plain = await received.WaitForAsync(m => m.Topic == "plain/retained");
        Assert.Multiple(() =>
        {
            Assert.That(Encoding.UTF8.GetString(state.Payload), Is.EqualTo(payload));
            Assert.That(state.Retain, Is.True);
            Assert.That(Encoding.UTF8.GetString(plain.Payload), Is.EqualTo("42"));
        });
    }

    [Test]
    public async Task RetainedValue_ClearedWithEmptyPayload_StaysClearedAfterRestart()
    {
        await using var broker = await TestBroker.StartAsync();
        using (var publisher = await TestClients.ConnectAsync(broker))
        {
            await publisher.PublishAsync(TestClients.Message("plain/a", "1", retain: true));
            await publisher.PublishAsync(TestClients.Message("plain/b", "2", retain: true));
            await publisher.PublishAsync(new MqttApplicationMessageBuilder().WithTopic("plain/a").WithRetainFlag()
                .WithQualityOfServiceLevel(MQTTnet.Protocol.MqttQualityOfServiceLevel.AtLeastOnce).Build());
        }

        await broker.StopAsync();
        await broker.StartAgainAsync();

        var retained = await broker.Get<MQTTnet.Server.MqttServer>().GetRetainedMessagesAsync();
        Assert.That(retained.Select(m => m.Topic).Where(t => !t.StartsWith('$')), Is.EquivalentTo(new[] { "plain/b" }));
    }

    [Test]
    public async Task RetainedValue_ChangedManyTimesQuickly_LastValueSurvivesRestart()
    {
        // Many changes of a few topics land in the same group commits, where each topic is written once: the last.
        await using var broker = await TestBroker.StartAsync();
        using (var publisher = await TestClients.ConnectAsync(broker))
        {
            await Task.WhenAll(Enumerable.Range(0, 2_000).Select(i =>
                publisher.PublishAsync(TestClients.Message($"plain/burst/{i % 3}", i.ToString(System.Globalization.CultureInfo.InvariantCulture), retain: true))));
            await publisher.PublishAsync(TestClients.Message("plain/burst/0", "last", retain: true));
            await publisher.PublishAsync(new MqttApplicationMessageBuilder().WithTopic("plain/burst/1").WithRetainFlag()
                .WithQualityOfServiceLevel(MQTTnet.Protocol.MqttQualityOfServiceLevel.AtLeastOnce).Build());
        }

        await broker.StopAsync();
        await broker.StartAgainAsync();

        var retained = (await broker.Get<MQTTnet.Server.MqttServer>().GetRetainedMessagesAsync())
            .Where(m => m.Topic.StartsWith("plain/burst/", StringComparison.Ordinal))
            .ToDictionary(m => m.Topic, m => Encoding.UTF8.GetString(m.Payload));
        Assert.That(retained, Is.EquivalentTo(new Dictionary<string, string>
        {
            ["plain/burst/0"] = "last",
            ["plain/burst/2"] = "1997", // 1997 is the last i below 2,000 with i % 3 == 2
        }));
    }
}

using System.Text;
using System.Text.Json;
using MQTTnet;
using MQTTnet.Protocol;
using UnsMes.Testing;

namespace UnsMes.Broker.Tests;

public class ContractGateTests
{
    [Test]
    public async Task InvalidPayload_DeadLetteredWithReasonWhileValidTrafficFlows()
    {
        await using var broker = await TestBroker.StartAsync();
        using var watcher = await TestClients.ConnectAsync(broker);
        var seen = await TestClients.SubscribeAsync(watcher, "uns/#");
        using var publisher = await TestClients.ConnectAsync(broker, clientId: "cnc01-edge");

        var bad = await publisher.PublishAsync(TestClients.Message(Payloads.StateTopic, """{"v":1,"ts":1795000000000,"state":"runing","since":1795000000000}"""));
        var good = await publisher.PublishAsync(TestClients.Message(Payloads.StateTopic, Payloads.RunningState()));

        var letter = await seen.WaitForAsync(m => m.Topic == "uns/v1/_deadletter/broker");
        var delivered = await seen.WaitForAsync(m => m.Topic == Payloads.StateTopic);
        using var json = JsonDocument.Parse(letter.ConvertPayloadToString());
        Assert.Multiple(() =>
        {
            Assert.That(bad.ReasonCode, Is.EqualTo(MqttClientPublishReasonCode.PayloadFormatInvalid));
            Assert.That(good.IsSuccess, Is.True);
            Assert.That(delivered.ConvertPayloadToString(), Does.Contain("\"state\":\"running\""));
            Assert.That(seen.Messages.Count(m => m.Topic == Payloads.StateTopic), Is.EqualTo(1), "the invalid state was delivered");
            Assert.That(json.RootElement.GetProperty("reason").GetString(), Does.Contain("'runing' is not one of"));
            Assert.That(json.RootElement.GetProperty("originalTopic").GetString(), Is.EqualTo(Payloads.StateTopic));
            Assert.That(json.RootElement.GetProperty("senderClientId").GetString(), Is.EqualTo("cnc01-edge"));
            Assert.That(json.RootElement.GetProperty("payloadText").GetString(), Does.Contain("runing"));
        });
    }

    [Test]
    public async Task IllegalNamespaceTopic_RefusedAsTopicNameInvalid()
    {
        await using var broker = await TestBroker.StartAsync();
        using var publisher = await TestClients.ConnectAsync(broker);

        var result = await publisher.PublishAsync(TestClients.Message("uns/v1/acme/plant 1/_state", "{}"));

        Assert.Multiple(() =>
        {
            Assert.That(result.ReasonCode, Is.EqualTo(MqttClientPublishReasonCode.TopicNameInvalid));
            Assert.That(result.ReasonString, Does.Contain("contains 'space'"));
        });
    }

    [Test]
    public async Task OversizedPayload_RefusedWithTheLimitInTheReason()
    {
        await using var broker = await TestBroker.StartAsync();
        using var publisher = await TestClients.ConnectAsync(broker);

        var result = await publisher.PublishAsync(TestClients.Message("plain/big", new string('x', 70_000)));

        Assert.That(result.ReasonString, Does.Contain("70000 bytes exceeds this broker's limit of 65536 bytes"));
    }

    [Test]
    public async Task TooDeepTopic_RefusedWithTheLimitInTheReason()
    {
        await using var broker = await TestBroker.StartAsync();
        using var publisher = await TestClients.ConnectAsync(broker);

        var result = await publisher.PublishAsync(TestClients.Message(string.Join('/', Enumerable.Repeat("a", 17)), "1"));

        Assert.That(result.ReasonString, Does.Contain("17 levels; this broker allows at most 16"));
    }

    [Test]
    public async Task Garbage_ThousandsOfRandomPayloadsAndTopics_BrokerKeepsServingAndRetainedStoreIntact()
    {
        await using var broker = await TestBroker.StartAsync();
        var retainedPayload = Payloads.RunningState();
        using var publisher = await TestClients.ConnectAsync(broker);
        await publisher.PublishAsync(TestClients.Message(Payloads.StateTopic, retainedPayload, retain: true));

        var random = new Random(20261123);
        string[] topics =
        [
            Payloads.StateTopic, "uns/v1/acme/plant1/machining/line1/cnc01/_count", "uns/v1/acme/plant1/_workorder/WO-1",
            "uns/v1/acme/plant1/machining/line1/_state", "uns/v1/acme/_nope", "uns/v2/x/_state", "uns/v1/a b/_state",
            "uns/v1/acme/plant1/machining/line1/cnc01/_tag", "plain/ok",
        ];
        var refused = 0;
        for (var i = 0; i < 3000; i++)
        {
            var payload = new byte[random.Next(0, 300)];
            random.NextBytes(payload);
            if (i % 3 == 0)
            {
                // Half-plausible JSON is the interesting garbage for a validator.
                payload = Encoding.UTF8.GetBytes($$"""{"v":{{random.Next(-2, 4)}},"ts":{{random.NextInt64()}},"state":"{{(char)random.Next(32, 127)}}","good":{{random.Next()}}}""");
            }

            var message = new MqttApplicationMessageBuilder().WithTopic(topics[random.Next(topics.Length)]).WithPayload(payload)
                .WithRetainFlag(random.Next(2) == 0).WithQualityOfServiceLevel(MqttQualityOfServiceLevel.AtLeastOnce).Build();
            var result = await publisher.PublishAsync(message);
            refused += result.IsSuccess ? 0 : 1;
        }

        using var late = await TestClients.ConnectAsync(broker);
        var retained = await TestClients.SubscribeAsync(late, Payloads.StateTopic);
        var value = await retained.WaitForAsync(m => m.Topic == Payloads.StateTopic, TimeSpan.FromSeconds(30));
        Assert.Multiple(() =>
        {
            Assert.That(publisher.IsConnected, Is.True);
            Assert.That(refused, Is.GreaterThan(2000), "most garbage should have been refused");
            Assert.That(value.ConvertPayloadToString(), Is.EqualTo(retainedPayload), "garbage replaced the retained state");
        });
    }
}

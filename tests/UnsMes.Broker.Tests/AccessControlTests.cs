using MQTTnet;
using MQTTnet.Protocol;
using UnsMes.Testing;

namespace UnsMes.Broker.Tests;

public class AccessControlTests
{
    [Test]
    public async Task Publish_OutsideUsersPrefix_NotAuthorizedAndNotDelivered()
    {
        await using var broker = await TestBroker.StartAsync();
        using var watcher = await TestClients.ConnectAsync(broker, TestBroker.DevUser, TestBroker.DevPassword);
        var seen = await TestClients.SubscribeAsync(watcher, "uns/#");
        using var edge = await TestClients.ConnectAsync(broker, TestBroker.EdgeUser, TestBroker.EdgePassword);

        var denied = await edge.PublishAsync(TestClients.Message("uns/v1/other/plant1/machining/line1/cnc01/_state", Payloads.RunningState()));
        var allowed = await edge.PublishAsync(TestClients.Message(Payloads.StateTopic, Payloads.RunningState()));

        var deadLetter = await seen.WaitForAsync(m => m.Topic == "uns/v1/_deadletter/broker");
        await seen.WaitForAsync(m => m.Topic == Payloads.StateTopic);
        Assert.Multiple(() =>
        {
            Assert.That(denied.ReasonCode, Is.EqualTo(MqttClientPublishReasonCode.NotAuthorized));
            Assert.That(denied.ReasonString, Does.Contain("may not publish to 'uns/v1/other/"));
            Assert.That(allowed.IsSuccess, Is.True);
            Assert.That(seen.Messages.Any(m => m.Topic.StartsWith("uns/v1/other/", StringComparison.Ordinal)), Is.False);
            Assert.That(deadLetter.ConvertPayloadToString(), Does.Contain("\"senderUser\":\"edge\""));
        });
    }

    [Test]
    public async Task Subscribe_OutsideUsersFilters_RefusedNotAuthorized()
    {
        await using var broker = await TestBroker.StartAsync();
        using var edge = await TestClients.ConnectAsync(broker, TestBroker.EdgeUser, TestBroker.EdgePassword);

        var refused = await edge.SubscribeAsync(new MqttClientSubscribeOptionsBuilder().WithTopicFilter("uns/#").Build());
        var granted = await edge.SubscribeAsync(new MqttClientSubscribeOptionsBuilder().WithTopicFilter("uns/v1/acme/p1/a1/l1/c1/_cmd/+").Build());

        Assert.Multiple(() =>
        {
            Assert.That(refused.Items.Single().ResultCode, Is.EqualTo(MqttClientSubscribeResultCode.NotAuthorized));
            Assert.That((int)granted.Items.Single().ResultCode, Is.LessThan(0x80));
        });
    }

    [Test]
    public async Task Publish_ToSysTopic_RefusedEvenForFullAccessUser()
    {
        await using var broker = await TestBroker.StartAsync();
        using var dev = await TestClients.ConnectAsync(broker, TestBroker.DevUser, TestBroker.DevPassword);

        var result = await dev.PublishAsync(TestClients.Message("$SYS/broker/clients/connected", "999"));

        Assert.That(result.ReasonCode, Is.EqualTo(MqttClientPublishReasonCode.NotAuthorized));
    }

    [Test]
    public async Task Start_AnonymousAllowedOutsideDevelopment_FailsWithReason()
    {
        var failure = Assert.ThrowsAsync<Microsoft.Extensions.Options.OptionsValidationException>(
            async () => await TestBroker.StartAsync(allowAnonymous: true, environment: "Production"));

        Assert.That(failure!.Message, Does.Contain("AllowAnonymous is only allowed in the Development environment"));
    }
}

using MQTTnet;
using UnsMes.Testing;

namespace UnsMes.Broker.Tests;

public class TransportTests
{
    [Test]
    public async Task WebSocketClient_PublishesToTcpSubscriber()
    {
        await using var broker = await TestBroker.StartAsync();
        using var tcp = await TestClients.ConnectAsync(broker);
        var received = await TestClients.SubscribeAsync(tcp, "plain/#");
        using var ws = await TestClients.ConnectAsync(broker, webSocket: true);

        await ws.PublishAsync(TestClients.Message("plain/from-websocket", "hello"));

        var message = await received.WaitForAsync(m => m.Topic == "plain/from-websocket");
        Assert.That(message.ConvertPayloadToString(), Is.EqualTo("hello"));
    }

    [Test]
    public async Task SysTopics_PublishedWithClientAndMessageCounts()
    {
        await using var broker = await TestBroker.StartAsync();
        using var dev = await TestClients.ConnectAsync(broker, TestBroker.DevUser, TestBroker.DevPassword);
        var sys = await TestClients.SubscribeAsync(dev, "$SYS/#");
        await dev.PublishAsync(TestClients.Message("plain/counted", "1"));

        // Each wait fails the test if the figure never shows the expected value.
        await sys.WaitForAsync(m => m.Topic == "$SYS/broker/clients/connected" && m.ConvertPayloadToString() == "1");
        await sys.WaitForAsync(m => m.Topic == "$SYS/broker/messages/received" && m.ConvertPayloadToString() == "1");
        await sys.WaitForAsync(m => m.Topic == "$SYS/broker/retained/count");
    }
}

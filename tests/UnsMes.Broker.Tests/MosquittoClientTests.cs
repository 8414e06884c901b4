using UnsMes.Testing;

namespace UnsMes.Broker.Tests;

/// <summary>The broker as independent clients see it: the Debian mosquitto_pub and mosquitto_sub.</summary>
public class MosquittoClientTests
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(15);

    [SetUp]
    public void RequireMosquitto() => ExternalProcess.RequireInstalled("mosquitto_sub", "mosquitto-clients");

    [TestCase("mqttv311", "MqttNet")]
    [TestCase("mqttv5", "MqttNet")]
    [TestCase("mqttv311", "Kestrel")]
    [TestCase("mqttv5", "Kestrel")]
    public async Task MosquittoClients_PublishAndSubscribe_MessageArrives(string protocol, string transport)
    {
        await using var broker = await TestBroker.StartAsync(extra: new Dictionary<string, string?> { ["Broker:TcpTransport"] = transport });
        var port = broker.Port.ToString(System.Globalization.CultureInfo.InvariantCulture);
        var subscribed = broker.WaitForSubscriptionAsync("uns/v1/acme/#");
        // No -i: the broker must assign client ids (MQTT 3.1.1 3.1.3-6 allows it for clean sessions).
        using var subscriber = ExternalProcess.Start("mosquitto_sub", "-h", "127.0.0.1", "-p", port, "-V", protocol,
            "-t", "uns/v1/acme/#", "-C", "1", "-W", "10", "-v", "-q", "1");
        await subscribed;

        var payload = Payloads.RunningState();
        var publish = await ExternalProcess.RunAsync("mosquitto_pub", Timeout, "-h", "127.0.0.1", "-p", port, "-V", protocol,
            "-t", Payloads.StateTopic, "-m", payload, "-q", "1");
        var received = await ExternalProcess.CollectAsync(subscriber, Timeout);

        Assert.Multiple(() =>
        {
            Assert.That(publish.ExitCode, Is.Zero, publish.Error);
            Assert.That(received.ExitCode, Is.Zero, received.Error);
            Assert.That(received.Output.Trim(), Is.EqualTo($"{Payloads.StateTopic} {payload}"));
        });
    }

    [Test]
    public async Task MosquittoPub_WrongPassword_RefusedWithReason()
    {
        await using var broker = await TestBroker.StartAsync(allowAnonymous: false);

        var result = await ExternalProcess.RunAsync("mosquitto_pub", Timeout, "-h", "127.0.0.1", "-p", broker.Port.ToString(System.Globalization.CultureInfo.InvariantCulture),
            "-u", TestBroker.DevUser, "-P", "not-the-password", "-t", "bench/x", "-m", "1");

        Assert.Multiple(() =>
        {
            Assert.That(result.ExitCode, Is.Not.Zero);
            Assert.That(result.Error, Does.Contain("bad user name or password").IgnoreCase);
        });
    }

    [Test]
    public async Task MosquittoPub_NoCredentialsWhenAnonymousOff_Refused()
    {
        await using var broker = await TestBroker.StartAsync(allowAnonymous: false);

        var result = await ExternalProcess.RunAsync("mosquitto_pub", Timeout, "-h", "127.0.0.1", "-p", broker.Port.ToString(System.Globalization.CultureInfo.InvariantCulture),
            "-t", "bench/x", "-m", "1");

        Assert.That(result.ExitCode, Is.Not.Zero, "an anonymous client connected although anonymous access is off");
    }

    [Test]
    public async Task MosquittoPub_InvalidPayloadUnderMqtt5_GetsPayloadFormatInvalid()
    {
        await using var broker = await TestBroker.StartAsync();

        var result = await ExternalProcess.RunAsync("mosquitto_pub", Timeout, "-h", "127.0.0.1", "-p", broker.Port.ToString(System.Globalization.CultureInfo.InvariantCulture),
            "-V", "mqttv5", "-q", "1", "-t", Payloads.StateTopic, "-m", """{"v":1,"ts":1,"state":"running"}""");

        Assert.That(result.Error, Does.Contain("Payload format invalid"));
    }
}

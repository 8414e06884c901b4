using System.Globalization;
using System.Reflection;
using Microsoft.Extensions.Options;
using MQTTnet;
using MQTTnet.Server;
using UnsMes.Broker.Publishing;

namespace UnsMes.Broker.Statistics;

/// <summary>
/// Publishes the broker's figures as retained <c>$SYS/broker/...</c> topics every few seconds, in the spirit of
/// Mosquitto's, so MQTT Explorer shows them under <c>$SYS</c>.
/// </summary>
internal sealed class SysTopicPublisher(
    MqttServer server,
    BrokerStatistics statistics,
    Retained.RetainedMessageStore store,
    IOptions<BrokerOptions> options,
    TimeProvider time) : BackgroundService
{
    public const string Root = "$SYS/broker/";

    private static readonly string Version =
        typeof(SysTopicPublisher).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion ?? "unknown";

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var interval = TimeSpan.FromSeconds(options.Value.StatisticsIntervalSeconds);
        var started = time.GetTimestamp();
        var lastReceived = statistics.Received;
        var lastSent = statistics.Sent;
        var lastAt = started;
        await Publish("version", $"UnsMes broker {Version}", stoppingToken);
        using var timer = new PeriodicTimer(interval, time);
        do
        {
            var now = time.GetTimestamp();
            var seconds = Math.Max(time.GetElapsedTime(lastAt, now).TotalSeconds, 1e-3);
            var received = statistics.Received;
            var sent = statistics.Sent;
            var retained = (await server.GetRetainedMessagesAsync()).Count;
            await Publish("uptime", Whole(time.GetElapsedTime(started, now).TotalSeconds), stoppingToken);
            await Publish("clients/connected", statistics.Connected.ToString(CultureInfo.InvariantCulture), stoppingToken);
            await Publish("messages/received", received.ToString(CultureInfo.InvariantCulture), stoppingToken);
            await Publish("messages/sent", sent.ToString(CultureInfo.InvariantCulture), stoppingToken);
            await Publish("load/messages/received/1s", Whole((received - lastReceived) / seconds), stoppingToken);
            await Publish("load/messages/sent/1s", Whole((sent - lastSent) / seconds), stoppingToken);
            await Publish("retained/count", retained.ToString(CultureInfo.InvariantCulture), stoppingToken);
            await Publish("retained/persisted", store.Persisted.ToString(CultureInfo.InvariantCulture), stoppingToken);
            await Publish("deadletter/count", statistics.DeadLetteredCount.ToString(CultureInfo.InvariantCulture), stoppingToken);
            await Publish("dropped/count", statistics.Dropped.ToString(CultureInfo.InvariantCulture), stoppingToken);
            await Publish("messages/held", statistics.Held.ToString(CultureInfo.InvariantCulture), stoppingToken);
            (lastReceived, lastSent, lastAt) = (received, sent, now);
        }
        while (await timer.WaitForNextTickAsync(stoppingToken));
    }

    private Task Publish(string name, string value, CancellationToken cancellationToken) =>
        server.InjectApplicationMessage(
            new InjectedMqttApplicationMessage(new MqttApplicationMessageBuilder().WithTopic(Root + name).WithPayload(value).WithRetainFlag().Build())
            {
                SenderClientId = DeadLetterQueue.BrokerClientId,
            },
            cancellationToken);

    private static string Whole(double value) => Math.Round(value).ToString(CultureInfo.InvariantCulture);
}

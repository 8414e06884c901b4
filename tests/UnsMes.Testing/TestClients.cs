using System.Collections.Concurrent;
using MQTTnet;
using MQTTnet.Formatter;
using MQTTnet.Protocol;

namespace UnsMes.Testing;

/// <summary>MQTTnet clients for tests, and a subscriber that collects what arrives.</summary>
public static class TestClients
{
    public static async Task<IMqttClient> ConnectAsync(TestBroker broker, string? user = null, string? password = null, string? clientId = null, bool webSocket = false)
    {
        var client = new MqttClientFactory().CreateMqttClient();
        var options = new MqttClientOptionsBuilder()
            .WithProtocolVersion(MqttProtocolVersion.V500)
            .WithClientId(clientId ?? $"test-{Guid.NewGuid():N}")
            .WithTimeout(TimeSpan.FromSeconds(10));
        options = webSocket
            ? options.WithWebSocketServer(ws => ws.WithUri(broker.WebSocketUri))
            : options.WithTcpServer("127.0.0.1", broker.Port);
        if (user is not null)
        {
            options.WithCredentials(user, password);
        }

        var result = await client.ConnectAsync(options.Build());
        Assert.That(result.ResultCode, Is.EqualTo(MqttClientConnectResultCode.Success), result.ReasonString);
        return client;
    }

    public static async Task<Collector> SubscribeAsync(IMqttClient client, string filter, MqttQualityOfServiceLevel qos = MqttQualityOfServiceLevel.AtLeastOnce)
    {
        var collector = new Collector();
        client.ApplicationMessageReceivedAsync += args =>
        {
            collector.Add(args.ApplicationMessage);
            return Task.CompletedTask;
        };
        var result = await client.SubscribeAsync(new MqttClientSubscribeOptionsBuilder().WithTopicFilter(filter, qos).Build());
        Assert.That((int)result.Items.Single().ResultCode, Is.LessThan(0x80), $"subscription to {filter} refused: {result.Items.Single().ResultCode}");
        return collector;
    }

    public static MqttApplicationMessage Message(string topic, string payload, bool retain = false) =>
        new MqttApplicationMessageBuilder().WithTopic(topic).WithPayload(payload).WithRetainFlag(retain)
            .WithQualityOfServiceLevel(MqttQualityOfServiceLevel.AtLeastOnce).Build();

    public sealed class Collector
    {
        private readonly ConcurrentQueue<MqttApplicationMessage> _messages = new();
        private readonly SemaphoreSlim _arrived = new(0);

        public IReadOnlyCollection<MqttApplicationMessage> Messages => _messages;

        public void Add(MqttApplicationMessage message)
        {
            _messages.Enqueue(message);
            _arrived.Release();
        }

        /// <summary>Waits until a message satisfying <paramref name="match"/> has arrived, or fails after the timeout.</summary>
        public async Task<MqttApplicationMessage> WaitForAsync(Func<MqttApplicationMessage, bool> match, TimeSpan? timeout = null)
        {
            using var cts = new CancellationTokenSource(timeout ?? TimeSpan.FromSeconds(10));
            while (true)
            {
                var found = _messages.FirstOrDefault(match);
                if (found is not null)
                {
                    return found;
                }

                try
                {
                    await _arrived.WaitAsync(cts.Token);
                }
                catch (OperationCanceledException)
                {
                    Assert.Fail($"No matching message within the timeout; got {_messages.Count}: {string.Join(", ", _messages.Select(m => m.Topic).Take(10))}");
                    throw;
                }
            }
        }

        public async Task WaitForCountAsync(int count, TimeSpan? timeout = null)
        {
            using var cts = new CancellationTokenSource(timeout ?? TimeSpan.FromSeconds(20));
            while (_messages.Count < count)
            {
                try
                {
                    await _arrived.WaitAsync(cts.Token);
                }
                catch (OperationCanceledException)
                {
                    Assert.Fail($"Expected {count} messages, got {_messages.Count}.");
                }
            }
        }
    }
}

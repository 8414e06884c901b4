using System.Threading.Channels;
using MQTTnet;
using MQTTnet.Protocol;
using MQTTnet.Server;
using UnsMes.Broker.Statistics;
using UnsMes.Uns.Payloads;
using UnsMes.Uns.Topics;

namespace UnsMes.Broker.Publishing;

/// <summary>
/// Publishes refused messages to <c>uns/v1/_deadletter/broker</c> with the reason, original topic and sender. It runs
/// off the publish path through a bounded queue, so a flood of bad input cannot slow good traffic; what the queue
/// cannot hold is counted and logged instead.
/// </summary>
internal sealed class DeadLetterQueue(MqttServer server, BrokerStatistics statistics, TimeProvider time, ILogger<DeadLetterQueue> logger)
    : BackgroundService
{
    public const string BrokerClientId = "$broker";

    private static readonly UnsTopic Topic = UnsTopic.DeadLetter("broker");

    private readonly LogRateLimiter _logLimiter = new(20, TimeSpan.FromSeconds(10), time);

    private readonly Channel<DeadLetterPayload> _queue = Channel.CreateBounded<DeadLetterPayload>(
        new BoundedChannelOptions(10_000) { FullMode = BoundedChannelFullMode.DropWrite, SingleReader = true });

    public void Add(MqttApplicationMessage message, string? clientId, string? username, string reason)
    {
        statistics.DeadLettered();
        var letter = DeadLetterPayload.For(UnsTime.Now(time), reason, message.Topic, message.Payload, clientId, username);

        if (_logLimiter.TryEnter(out var suppressed))
        {
            if (suppressed > 0)
            {
                BrokerLog.RefusalsNotLogged(logger, suppressed);
            }

            BrokerLog.Refused(logger, clientId ?? "?", message.Topic, reason);
        }

        if (!_queue.Writer.TryWrite(letter))
        {
            statistics.DeadLetterOverflow();
        }
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        await foreach (var letter in _queue.Reader.ReadAllAsync(stoppingToken))
        {
            var message = new MqttApplicationMessageBuilder()
                .WithTopic(Topic)
                .WithPayload(UnsJson.Serialize(letter))
                .WithContentType("application/json")
                .WithQualityOfServiceLevel(MqttQualityOfServiceLevel.AtLeastOnce)
                .Build();
            try
            {
                await server.InjectApplicationMessage(new InjectedMqttApplicationMessage(message) { SenderClientId = BrokerClientId }, stoppingToken);
            }
            catch (InvalidOperationException ex)
            {
                // The server is stopping; nothing left to tell.
                BrokerLog.DeadLetterNotPublished(logger, ex.Message);
            }
        }
    }

}

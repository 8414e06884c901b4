using System.Buffers;
using System.Text;
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
        var payload = message.Payload;
        var kept = payload.Length > DeadLetterPayload.MaxKeptBytes ? payload.Slice(0, DeadLetterPayload.MaxKeptBytes) : payload;
        var bytes = kept.ToArray();
        var isText = IsUtf8(bytes);
        var letter = new DeadLetterPayload
        {
            V = UnsSchema.Version,
            Ts = UnsTime.Now(time),
            Reason = reason,
            OriginalTopic = message.Topic,
            SenderClientId = clientId,
            SenderUser = username,
            PayloadBytes = payload.Length,
            PayloadText = isText ? Encoding.UTF8.GetString(bytes) : null,
            PayloadBase64 = isText ? null : Convert.ToBase64String(bytes),
            PayloadTruncated = kept.Length < payload.Length,
        };

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

    private static bool IsUtf8(byte[] bytes) => System.Text.Unicode.Utf8.IsValid(bytes) && !bytes.Contains((byte)0);
}

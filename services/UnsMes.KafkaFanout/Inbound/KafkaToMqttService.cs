using System.Buffers;
using System.Diagnostics;
using System.Text;
using Confluent.Kafka;
using Microsoft.Extensions.Options;
using MQTTnet;
using MQTTnet.Protocol;
using UnsMes.KafkaFanout.Forwarding;
using UnsMes.ServiceDefaults.Uns;
using UnsMes.Uns.Payloads;
using UnsMes.Uns.Topics;

namespace UnsMes.KafkaFanout.Inbound;

/// <summary>
/// The optional direction Kafka → MQTT: records of the configured Kafka topics (commands, schedules from a planning
/// system) are published into the namespace. A record's offset is stored only after the broker acknowledged its
/// publish, and only stored offsets are committed, so a crash re-publishes rather than loses. A record that can never
/// be published (no namespace topic, refused by the broker) is dead-lettered and then passed.
/// </summary>
internal sealed class KafkaToMqttService(
    IOptions<KafkaFanoutOptions> options,
    [FromKeyedServices(KafkaFanoutRegistration.ClientName)] UnsClient client,
    Health.KafkaLink link,
    TimeProvider time,
    ILogger<KafkaToMqttService> logger) : BackgroundService
{
    private static readonly ActivitySource Source = new(Health.FanoutMetrics.MeterName);
    private static readonly TimeSpan RetryDelay = TimeSpan.FromSeconds(1);

    protected override Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var o = options.Value;
        return o.Inbound.Enabled
            ? Task.Factory.StartNew(() => ConsumeAsync(o, stoppingToken), stoppingToken, TaskCreationOptions.LongRunning, TaskScheduler.Default).Unwrap()
            : Task.CompletedTask;
    }

    private async Task ConsumeAsync(KafkaFanoutOptions o, CancellationToken stoppingToken)
    {
        using var consumer = new ConsumerBuilder<byte[], byte[]>(KafkaClientConfigs.Consumer(o, $"{KafkaFanoutRegistration.ClientName}-inbound"))
            .SetLogHandler((_, m) => FanoutLog.Librdkafka(logger, m.Facility, m.Message))
            .SetErrorHandler((_, e) => FanoutLog.KafkaError(logger, e.Code.ToString(), e.Reason, e.IsFatal))
            .Build();
        consumer.Subscribe(o.Inbound.Topics);
        try
        {
            while (!stoppingToken.IsCancellationRequested)
            {
                ConsumeResult<byte[], byte[]>? result;
                try
                {
                    result = consumer.Consume(stoppingToken);
                }
                catch (ConsumeException ex)
                {
                    FanoutLog.KafkaError(logger, ex.Error.Code.ToString(), ex.Error.Reason, ex.Error.IsFatal);
                    continue;
                }

                if (result?.Message is null)
                {
                    continue;
                }

                await PublishUntilDoneAsync(result, o.Inbound.TopicFrom, stoppingToken);
                consumer.StoreOffset(result);
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
        finally
        {
            // Commits what was stored (published) and leaves the group at once instead of after the session timeout.
            consumer.Close();
        }
    }

    private async Task PublishUntilDoneAsync(ConsumeResult<byte[], byte[]> result, InboundTopicSource topicFrom, CancellationToken stoppingToken)
    {
        var target = TargetTopic(result.Message, topicFrom);
        if (!UnsTopic.TryParse(target, out var topic, out var problem))
        {
            await DeadLetterAsync(result, target ?? "", $"inbound: no namespace topic for the record: {problem}", stoppingToken);
            return;
        }

        // The publisher's trace continues through Kafka into the namespace (traceparent header → MQTT user property).
        using var activity = StartActivity(result);
        while (true)
        {
            try
            {
                await client.PublishAsync(Message(topic, result.Message), stoppingToken);
                link.CountInboundPublished();
                return;
            }
            catch (UnsPublishRejectedException ex)
            {
                await DeadLetterAsync(result, topic, $"inbound: the broker refused the publish: {ex.Message}", stoppingToken);
                return;
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                // Not published, so not stored: try the same record again (order per partition is kept).
                FanoutLog.InboundRetry(logger, result.Topic, result.Partition.Value, result.Offset.Value, ex.Message);
                await Task.Delay(RetryDelay, stoppingToken);
            }
        }
    }

    private static Activity? StartActivity(ConsumeResult<byte[], byte[]> result)
    {
        var parent = result.Message.Headers?.TryGetLastBytes(KafkaHeaderNames.TraceParent, out var traceParent) == true
            && ActivityContext.TryParse(Encoding.UTF8.GetString(traceParent), null, out var context)
                ? context
                : default;
        return Source.StartActivity($"kafka receive {result.Topic}", ActivityKind.Consumer, parent);
    }

    private static string? TargetTopic(Message<byte[], byte[]> message, InboundTopicSource topicFrom)
    {
        if (topicFrom == InboundTopicSource.Header && message.Headers?.TryGetLastBytes(KafkaHeaderNames.UnsPath, out var path) == true)
        {
            return Encoding.UTF8.GetString(path);
        }

        return message.Key is { Length: > 0 } key ? Encoding.UTF8.GetString(key) : null;
    }

    private static MqttApplicationMessage Message(UnsTopic topic, Message<byte[], byte[]> record)
    {
        var builder = new MqttApplicationMessageBuilder()
            .WithTopic(topic)
            .WithPayload(record.Value ?? [])
            .WithRetainFlag(topic.Spec.Retained)
            .WithQualityOfServiceLevel((MqttQualityOfServiceLevel)topic.Spec.Qos);
        if (record.Headers?.TryGetLastBytes(KafkaHeaderNames.ContentType, out var contentType) == true)
        {
            builder.WithContentType(Encoding.UTF8.GetString(contentType));
        }

        return builder.Build();
    }

    private async Task DeadLetterAsync(ConsumeResult<byte[], byte[]> result, string originalTopic, string reason, CancellationToken cancellationToken)
    {
        FanoutLog.InboundDeadLettered(logger, result.Topic, result.Partition.Value, result.Offset.Value, reason);
        Health.FanoutMetrics.DeadLettered.Add(1, new KeyValuePair<string, object?>("reason", "inbound"));
        var payload = DeadLetterPayload.For(UnsTime.Now(time), reason, originalTopic, new ReadOnlySequence<byte>(result.Message.Value ?? []));
        try
        {
            await client.PublishAsync(UnsTopic.DeadLetter(KafkaFanoutRegistration.ClientName), payload, cancellationToken);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            FanoutLog.DeadLetterFailed(logger, originalTopic, ex.Message);
        }
    }
}

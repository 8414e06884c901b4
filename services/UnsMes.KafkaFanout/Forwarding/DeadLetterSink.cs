using System.Diagnostics.Metrics;
using Microsoft.Extensions.Logging;
using MQTTnet;
using UnsMes.KafkaFanout.Health;
using UnsMes.ServiceDefaults.Uns;
using UnsMes.Uns.Payloads;
using UnsMes.Uns.Topics;

namespace UnsMes.KafkaFanout.Forwarding;

/// <summary>Publishes messages Kafka will not take to <c>uns/v1/_deadletter/kafka-fanout</c>, with the reason, counted.</summary>
internal sealed class DeadLetterSink(UnsClient client, TimeProvider time, ILogger<DeadLetterSink> logger)
{
    private readonly UnsTopic _topic = UnsTopic.DeadLetter(KafkaFanoutRegistration.ClientName);

    public async Task PublishAsync(MqttApplicationMessage message, string reason, CancellationToken cancellationToken)
    {
        var kind = reason.Split(':', 2)[0];
        FanoutMetrics.DeadLettered.Add(1, new KeyValuePair<string, object?>("reason", kind));
        FanoutLog.DeadLettered(logger, message.Topic, reason);
        try
        {
            var payload = DeadLetterPayload.For(UnsTime.Now(time), reason, message.Topic, message.Payload);
            await client.PublishAsync(_topic, payload, cancellationToken);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            // The dead letter is the report, not the message: failing to publish it must not hold up the stream.
            FanoutLog.DeadLetterFailed(logger, message.Topic, ex.Message);
        }
    }
}

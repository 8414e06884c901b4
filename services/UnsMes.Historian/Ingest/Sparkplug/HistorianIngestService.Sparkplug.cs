using Google.Protobuf;
using MQTTnet;
using MQTTnet.Protocol;
using UnsMes.Historian.Ingest.Sparkplug;
using UnsMes.Historian.Model;
using UnsMes.ServiceDefaults.Uns;
using UnsMes.Sparkplug;
using UnsMes.Sparkplug.Protocol;
using UnsMes.Uns.Payloads;
using UnsMes.Uns.Topics;
using Metric = UnsMes.Sparkplug.Protocol.Payload.Types.Metric;

namespace UnsMes.Historian.Ingest;

/// <summary>
/// Sparkplug B beside the namespace: the messages of <see cref="SparkplugIngestOptions.Filter"/> go through a
/// <see cref="SparkplugRecorder"/> into the same buffer, batches and deferred acknowledgements as the JSON topics
/// (acknowledged in arrival order, after the batch holding them is committed); what it refuses is dead-lettered the
/// same way. Rebirth requests go out as NCMD at QoS 0, as the specification has it.
/// </summary>
internal sealed partial class HistorianIngestService
{
    private async Task SubscribeSparkplugAsync(UnsClient client, IngestStatus status, TimeProvider time, ILogger logger, CancellationToken stoppingToken)
    {
        var options = _options.Sparkplug;
        if (!options.Enabled)
        {
            return;
        }

        var recorder = new SparkplugRecorder(options, _options.MaxStringLength, status, logger);
        var births = await StoreRetry.RunAsync(store, status, logger, time, ct => store.SparkplugBirthsAsync(ct), stoppingToken);
        recorder.Restore(births);
        SparkplugLog.Started(logger, options.Filter, options.RequestRebirth ? "on" : "off", births.Count);
        await client.SubscribeAsync(
            options.Filter,
            UnsQos.AtLeastOnce,
            (message, ct) => OnSparkplugMessageAsync(recorder, client, status, time, logger, message, ct),
            stoppingToken);
    }

    private async Task OnSparkplugMessageAsync(
        SparkplugRecorder recorder, UnsClient client, IngestStatus status, TimeProvider time, ILogger logger, UnsMessage message, CancellationToken cancellationToken)
    {
        var ack = message.DeferAcknowledgement();
        var received = time.GetUtcNow().ToUnixTimeMilliseconds();
        var outcome = recorder.Record(message.Topic, message.Payload, received);
        var reason = outcome.Rejection;
        if (reason is null && SparkplugRecorder.BirthToKeep(message.Topic, message.Payload, received) is { } birth)
        {
            // Kept before the birth is acknowledged: a restarted historian must still read the data that follows it.
            await StoreRetry.RunAsync(store, status, logger, time, async ct =>
            {
                await store.SaveSparkplugBirthAsync(birth, ct);
                return true;
            }, cancellationToken);
        }

        List<HistoryPoint> kept = [];
        if (reason is null)
        {
            try
            {
                var oldest = _options.RawRetentionDays > 0 ? received - (long)(_options.RawRetentionDays * 86_400_000) : long.MinValue;
                foreach (var point in outcome.Points)
                {
                    if (point.Ts < oldest)
                    {
                        throw new RejectedMessageException($"metric {point.Tag}: older than the raw retention ({_options.RawRetentionDays} days)");
                    }

                    if (_deadband.Keep(point))
                    {
                        kept.Add(point);
                    }
                }

                status.Skip(outcome.Points.Count - kept.Count);
            }
            catch (RejectedMessageException ex)
            {
                reason = ex.Message;
                kept = [];
            }
        }

        if (reason is not null)
        {
            HistorianLog.Refused(logger, message.Topic, reason);
            status.CountDeadLetter();
            await client.PublishAsync(DeadLetters, DeadLetterPayload.For(received, reason, message.Topic, message.Payload), cancellationToken);
        }

        if (outcome.RebirthTopic is { } rebirth)
        {
            await RequestRebirthAsync(client, status, logger, rebirth, received, cancellationToken);
        }

        await _buffer.Writer.WriteAsync(new IngestItem(kept, null, ack), cancellationToken);
    }

    private static async Task RequestRebirthAsync(UnsClient client, IngestStatus status, ILogger logger, string topic, long now, CancellationToken cancellationToken)
    {
        var command = new Payload
        {
            Timestamp = (ulong)now,
            Metrics =
            {
                new Metric { Name = SparkplugNodeControl.Rebirth, Datatype = (uint)SparkplugDataType.Boolean, Timestamp = (ulong)now, BooleanValue = true },
            },
        };
        try
        {
            await client.PublishAsync(
                new MqttApplicationMessageBuilder().WithTopic(topic).WithPayload(command.ToByteArray()).WithQualityOfServiceLevel(MqttQualityOfServiceLevel.AtMostOnce).Build(),
                cancellationToken);
            status.CountSparkplugRebirth();
        }
        catch (UnsPublishRejectedException ex)
        {
            // Not allowed to command edge nodes here: the data waits for the node's next birth.
            SparkplugLog.RebirthFailed(logger, topic, ex.Message);
        }
    }
}

using System.Diagnostics;
using MQTTnet;
using MQTTnet.Protocol;

namespace UnsMes.Bench.Load;

/// <summary>How one publisher sends: which messages, at what QoS, how many in flight, and optionally at what rate.</summary>
internal sealed record PublishPlan(string Run, IMessageShape Shape, MqttQualityOfServiceLevel Qos, bool Retain, int Window, double? RatePerSecond = null);

internal sealed record PublishOutcome(int Published, int Rejected, string? FirstRejection);

/// <summary>
/// The publishing loop. QoS 0 goes out as fast as the connection takes it. QoS 1 keeps up to a window of publishes
/// in flight, so the generator does not wait a PUBACK round trip per message. A rate spreads messages evenly in time.
/// </summary>
internal static class Publisher
{
    public static async Task<PublishOutcome> RunAsync(IMqttClient client, int publisher, int count, PublishPlan plan, CancellationToken cancellationToken)
    {
        var inFlight = new Queue<Task<MqttClientPublishResult>>(plan.Window);
        var rejected = 0;
        string? firstRejection = null;
        void Tally(MqttClientPublishResult result)
        {
            if (result.ReasonCode is not (MqttClientPublishReasonCode.Success or MqttClientPublishReasonCode.NoMatchingSubscribers))
            {
                rejected++;
                firstRejection ??= $"{result.ReasonCode}: {result.ReasonString}";
            }
        }

        var started = Stopwatch.GetTimestamp();
        var interval = plan.RatePerSecond is { } rate ? Stopwatch.Frequency / rate : 0;
        for (var sequence = 0; sequence < count; sequence++)
        {
            if (interval > 0)
            {
                var due = started + (long)(sequence * interval);
                while (Stopwatch.GetTimestamp() < due)
                {
                    await Task.Delay(1, cancellationToken);
                }
            }

            var message = new MqttApplicationMessageBuilder()
                .WithTopic(plan.Shape.Topic(plan.Run, publisher, sequence))
                .WithPayload(plan.Shape.Payload(publisher, sequence))
                .WithQualityOfServiceLevel(plan.Qos)
                .WithRetainFlag(plan.Retain)
                .Build();
            if (plan.Qos == MqttQualityOfServiceLevel.AtMostOnce)
            {
                await client.PublishAsync(message, cancellationToken);
                continue;
            }

            if (inFlight.Count == plan.Window)
            {
                Tally(await inFlight.Dequeue());
            }

            inFlight.Enqueue(client.PublishAsync(message, cancellationToken));
        }

        while (inFlight.Count > 0)
        {
            Tally(await inFlight.Dequeue());
        }

        return new PublishOutcome(count, rejected, firstRejection);
    }
}

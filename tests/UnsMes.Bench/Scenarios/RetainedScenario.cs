using System.Diagnostics;
using MQTTnet;
using MQTTnet.Protocol;
using UnsMes.Bench.Brokers;
using UnsMes.Bench.Load;
using UnsMes.Bench.Reporting;

namespace UnsMes.Bench.Scenarios;

/// <summary>
/// Memory with many retained topics, on a freshly started broker: RSS idle, then N retained QoS 1 messages from a
/// few clients (timed: retained msgs/s), RSS after a settle, then a new subscriber receives them all (the replay).
/// </summary>
internal static class RetainedScenario
{
    /// <summary>Time for the broker to finish background work (store commits, GC) before RSS is read.</summary>
    private static readonly TimeSpan Settle = TimeSpan.FromSeconds(5);

    public static async Task<RetainedMeasurement> RunAsync(BrokerProcess broker, BenchOptions options, CancellationToken cancellationToken)
    {
        var topics = options.RetainedTopics;
        var publishers = options.RetainedPublishers;
        var shape = new RetainedPayload(publishers);
        var clients = new List<IMqttClient>();
        var result = new RetainedMeasurement { Broker = broker.Name, Topics = topics, Publishers = publishers, PayloadBytes = RetainedPayload.Bytes };
        try
        {
            await Task.Delay(Settle, cancellationToken);
            result = result with { IdleRssBytes = broker.ReadMemory().RssBytes };

            for (var p = 0; p < publishers; p++)
            {
                clients.Add(await BenchClient.ConnectAsync(broker.Port, $"bench-retained-pub{p}", cancellationToken));
            }

            var plan = new PublishPlan("retained", shape, MqttQualityOfServiceLevel.AtLeastOnce, Retain: true, options.Window);
            var started = Stopwatch.GetTimestamp();
            var outcomes = await Task.WhenAll(clients.Select((client, p) =>
                Task.Run(() => Publisher.RunAsync(client, p, shape.CountFor(p, topics), plan, cancellationToken), cancellationToken)));
            var publishSeconds = Stopwatch.GetElapsedTime(started).TotalSeconds;
            await Task.WhenAll(clients.Select(BenchClient.CloseAsync));
            clients.Clear();

            await Task.Delay(Settle, cancellationToken);
            var (rss, peak) = broker.ReadMemory();
            result = result with
            {
                PublishSeconds = publishSeconds,
                RetainedPerSecond = topics / publishSeconds,
                Rejected = outcomes.Sum(o => o.Rejected),
                RssBytes = rss,
                PeakRssBytes = peak,
                StoreBytes = (broker as UnsMesBroker)?.StoreBytes,
            };

            var log = new DeliveryLog(topics);
            started = Stopwatch.GetTimestamp();
            clients.Add(await Subscriber.ConnectAsync(broker.Port, "bench-retained-sub", shape.Filter(""), MqttQualityOfServiceLevel.AtLeastOnce, shape, log, cancellationToken));
            await log.DrainAsync(options.DrainIdle, cancellationToken);
            result = result with
            {
                ReplayReceived = log.Received,
                ReplaySeconds = log.Received == 0 ? 0 : Stopwatch.GetElapsedTime(started, log.LastAt).TotalSeconds,
                RssAfterReplayBytes = broker.ReadMemory().RssBytes,
                BrokerWarnings = broker.Warnings,
            };
            return result;
        }
        catch (Exception ex) when (ex is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            return result with { Error = $"{ex.GetType().Name}: {ex.Message}", BrokerWarnings = broker.Warnings };
        }
        finally
        {
            await Task.WhenAll(clients.Select(BenchClient.CloseAsync));
        }
    }
}

using System.Diagnostics;
using MQTTnet;
using UnsMes.Bench.Brokers;
using UnsMes.Bench.Load;
using UnsMes.Bench.Reporting;

namespace UnsMes.Bench.Scenarios;

/// <summary>
/// Runs one delivery scenario against one broker: subscribers first, then publishers released together, then a
/// drain until every message arrived or delivery stalled. Clients are closed whatever happens.
/// </summary>
internal static class DeliveryScenario
{
    private static int _runs;

    public static async Task<Measurement> RunAsync(BrokerProcess broker, DeliverySpec spec, BenchOptions options, CancellationToken cancellationToken)
    {
        var run = $"r{Interlocked.Increment(ref _runs)}";
        var shape = spec.Shape();
        var log = new DeliveryLog(spec.Expected);
        var plan = new PublishPlan(run, shape, spec.Qos, Retain: false, options.Window,
            spec.TotalRate is { } rate ? rate / spec.Publishers : null);
        var clients = new List<IMqttClient>();
        var warningsBefore = broker.Warnings;
        try
        {
            for (var s = 0; s < spec.Subscribers; s++)
            {
                clients.Add(await Subscriber.ConnectAsync(broker.Port, $"bench-{run}-sub{s}", shape.Filter(run), spec.Qos, shape, log, cancellationToken));
            }

            var publishers = new List<IMqttClient>();
            for (var p = 0; p < spec.Publishers; p++)
            {
                publishers.Add(await BenchClient.ConnectAsync(broker.Port, $"bench-{run}-pub{p}", cancellationToken));
                clients.Add(publishers[^1]);
            }

            var go = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            var publishing = publishers.Select((client, p) => Task.Run(async () =>
            {
                await go.Task;
                return await Publisher.RunAsync(client, p, spec.MessagesPerPublisher, plan, cancellationToken);
            }, cancellationToken)).ToArray();

            var brokerCpu = broker.CpuTime;
            var generatorCpu = Environment.CpuUsage.TotalTime;
            var tcp = TcpCounters.Read();
            var started = Stopwatch.GetTimestamp();
            go.SetResult();
            var outcomes = await Task.WhenAll(publishing);
            var published = Stopwatch.GetTimestamp();
            await log.DrainAsync(options.DrainIdle, cancellationToken);
            var brokerCpuSeconds = (broker.CpuTime - brokerCpu).TotalSeconds;
            var generatorCpuSeconds = (Environment.CpuUsage.TotalTime - generatorCpu).TotalSeconds;
            var tcpDelta = TcpCounters.Delta(tcp, TcpCounters.Read());

            var latency = log.Latency();
            var received = log.Received;
            var seconds = received == 0 ? 0 : Stopwatch.GetElapsedTime(started, log.LastAt).TotalSeconds;
            return new Measurement
            {
                Broker = broker.Name,
                Expected = spec.Expected,
                Received = received,
                Lost = Math.Max(0, spec.Expected - received),
                Rejected = outcomes.Sum(o => o.Rejected),
                FirstRejection = outcomes.Select(o => o.FirstRejection).FirstOrDefault(r => r is not null),
                Seconds = seconds,
                PublishSeconds = Stopwatch.GetElapsedTime(started, published).TotalSeconds,
                MessagesPerSecond = seconds > 0 ? received / seconds : 0,
                LatencySamples = latency.Samples,
                P50Ms = latency.P50Ms,
                P99Ms = latency.P99Ms,
                MaxMs = latency.MaxMs,
                BrokerCpuSeconds = brokerCpuSeconds,
                BrokerCpuMicrosPerMessage = received > 0 ? brokerCpuSeconds * 1e6 / received : 0,
                GeneratorCpuSeconds = generatorCpuSeconds,
                Tcp = tcpDelta,
                BrokerWarnings = broker.Warnings - warningsBefore,
            };
        }
        catch (Exception ex) when (ex is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            return new Measurement
            {
                Broker = broker.Name,
                Expected = spec.Expected,
                Received = log.Received,
                Lost = Math.Max(0, spec.Expected - log.Received),
                P50Ms = double.NaN,
                P99Ms = double.NaN,
                MaxMs = double.NaN,
                BrokerWarnings = broker.Warnings - warningsBefore,
                Error = $"{ex.GetType().Name}: {ex.Message}",
            };
        }
        finally
        {
            await Task.WhenAll(clients.Select(BenchClient.CloseAsync));
        }
    }
}

using System.Buffers;
using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Text;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using MQTTnet;
using MQTTnet.Formatter;
using MQTTnet.Protocol;
using UnsMes.Bench.Brokers;
using UnsMes.Bench.Load;
using UnsMes.KafkaFanout;
using UnsMes.KafkaFanout.Health;

namespace UnsMes.Bench.Kafka;

/// <summary>
/// End to end: MQTTnet publishers (QoS 1, pipelined) → the broker → the fan-out (its own registration, in this process)
/// → Kafka, timed from the first publish until Kafka confirmed the last record (the fan-out's delivered count).
/// </summary>
internal static class FanoutRun
{
    private const int PublishWindow = 1_000;
    private const int WarmUpMessages = 60_000;

    /// <summary>Rates, and CPU time per message (µs) of this process (fan-out, publishers, mock cluster) and of the broker.</summary>
    public sealed record Result(double EndToEndPerSecond, double PublishPerSecond, double DrainPerSecond, CpuPerMessage Live, CpuPerMessage Drain);

    public readonly record struct CpuPerMessage(double ProcessMicros, double BrokerMicros);

    public static async Task<Result> RunAsync(BrokerProcess broker, string bootstrap, string topic, KafkaBenchSettings settings, CancellationToken cancellationToken)
    {
        var brokerPort = broker.Port;
        var id = Guid.NewGuid().ToString("N")[..8];
        var publishers = new List<IMqttClient>();
        try
        {
            for (var p = 0; p < settings.Publishers; p++)
            {
                publishers.Add(await ConnectPublisherAsync(brokerPort, $"bench-pub-{id}-{p}", cancellationToken));
            }

            double endToEnd, publishRate;
            CpuPerMessage live;
            await using (var app = await StartFanoutAsync(brokerPort, bootstrap, topic, settings, id, cancellationToken))
            {
                var link = app.Services.GetRequiredService<KafkaLink>();

                // The fan-out subscribes asynchronously: probe until one message made it through, then warm up.
                while (link.Delivered == 0)
                {
                    await PublishAsync(publishers[..1], 1, cancellationToken);
                    await Task.Delay(100, cancellationToken);
                }

                // A broker starts with unoptimized code that the runtime recompiles after a few seconds of traffic; measured
                // cold, the first seconds of the live phase are the JIT's, not the path's (the edge bench does the same).
                var warm = link.Delivered;
                await PublishAsync(publishers, WarmUpMessages, cancellationToken);
                await WaitForDeliveredAsync(link, warm + WarmUpMessages, TimeSpan.FromSeconds(120), cancellationToken);

                // Live: publishers and fan-out at the same time.
                var start = link.Delivered;
                var cpu = CpuMeter.Start(broker);
                var watch = Stopwatch.StartNew();
                await PublishAsync(publishers, settings.Messages, cancellationToken);
                var published = watch.Elapsed;
                await WaitForDeliveredAsync(link, start + settings.Messages, TimeSpan.FromMinutes(5), cancellationToken);
                watch.Stop();
                live = cpu.PerMessage(settings.Messages);
                endToEnd = settings.Messages / watch.Elapsed.TotalSeconds;
                publishRate = settings.Messages / published.TotalSeconds;
                await app.StopAsync(cancellationToken);
            }

            // Drain: the same messages queued in the fan-out's persistent session while it was away, then taken in
            // as fast as the broker hands them over (the fan-out's own ceiling, without publishers on the same cores).
            await PublishAsync(publishers, settings.Messages, cancellationToken);
            Console.Error.WriteLine($"kafka: draining {settings.Messages:N0} messages (process {Environment.ProcessId})");
            await using (var app = await StartFanoutAsync(brokerPort, bootstrap, topic, settings, id, cancellationToken))
            {
                var link = app.Services.GetRequiredService<KafkaLink>();
                var drainCpu = CpuMeter.Start(broker);
                var watch = Stopwatch.StartNew();
                await WaitForDeliveredAsync(link, settings.Messages, TimeSpan.FromMinutes(5), cancellationToken);
                watch.Stop();
                var drain = drainCpu.PerMessage(settings.Messages);
                await app.StopAsync(cancellationToken);
                return new Result(endToEnd, publishRate, settings.Messages / watch.Elapsed.TotalSeconds, live, drain);
            }
        }
        finally
        {
            foreach (var client in publishers)
            {
                await client.DisconnectAsync(cancellationToken: CancellationToken.None);
                client.Dispose();
            }
        }
    }

    private static async Task<WebApplication> StartFanoutAsync(int brokerPort, string bootstrap, string topic, KafkaBenchSettings settings, string id, CancellationToken cancellationToken)
    {
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions { EnvironmentName = "Production" });
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Uns:Host"] = "127.0.0.1",
            ["Uns:Port"] = brokerPort.ToString(CultureInfo.InvariantCulture),
            ["Uns:ClientId"] = $"bench-fanout-{id}",
            ["Kafka:BootstrapServers"] = bootstrap,
            ["Kafka:IngestClientId"] = $"bench-ingest-{id}",
            ["Kafka:IngestConnections"] = settings.Connections.ToString(CultureInfo.InvariantCulture),
            ["Kafka:MaxInFlight"] = settings.MaxInFlight.ToString(CultureInfo.InvariantCulture),
            ["Kafka:Filters:0"] = "uns/v1/bench/#",
            ["Kafka:Routes:0:Topic"] = topic,
            ["Kafka:CreateTopics"] = "false",
        });
        builder.WebHost.UseUrls($"http://127.0.0.1:{Brokers.FreePort.Next()}");
        builder.Logging.ClearProviders().AddConsole().SetMinimumLevel(LogLevel.Error);
        builder.AddKafkaFanout();
        var app = builder.Build();
        await app.StartAsync(cancellationToken);
        return app;
    }

    /// <summary>
    /// A publisher as the load benchmark connects them (Nagle off, socket buffers sized by the OS rather than MQTTnet's
    /// 8 KiB), each packet written whole (MQTTnet otherwise writes a publish's header and payload separately).
    /// </summary>
    private static async Task<IMqttClient> ConnectPublisherAsync(int brokerPort, string clientId, CancellationToken cancellationToken)
    {
        var client = new MqttClientFactory().CreateMqttClient();
        await client.ConnectAsync(new MqttClientOptionsBuilder()
            .WithEndPoint(new IPEndPoint(IPAddress.Loopback, brokerPort))
            .WithTcpServer(tcp => tcp.StreamProvider = OsSizedSocketStream.Instance) // after the endpoint, which replaces the TCP options
            .WithoutPacketFragmentation()
            .WithProtocolVersion(MqttProtocolVersion.V500)
            .WithClientId(clientId)
            .WithTimeout(TimeSpan.FromSeconds(30))
            .Build(), cancellationToken);
        return client;
    }

    /// <summary>Each publisher keeps <see cref="PublishWindow"/> QoS 1 publishes in flight (a sliding window, as the load benchmark's).</summary>
    private static async Task PublishAsync(List<IMqttClient> publishers, int messages, CancellationToken cancellationToken)
    {
        var perPublisher = messages / publishers.Count;
        await Task.WhenAll(publishers.Select((client, p) => Task.Run(async () =>
        {
            var inFlight = new Queue<Task<MqttClientPublishResult>>(PublishWindow);
            var topics = Enumerable.Range(0, 8).Select(t => $"uns/v1/bench/s1/a1/l1/c{p}/_tag/t{t}").ToArray();
            for (var n = 0; n < perPublisher + (p == 0 ? messages % publishers.Count : 0); n++)
            {
                var payload = Encoding.UTF8.GetBytes(string.Create(CultureInfo.InvariantCulture,
                    $$"""{"v":1,"ts":1700000000000,"value":{{20 + (n * 0.001):0.000}},"unit":"degC","quality":"good"}"""));
                if (inFlight.Count == PublishWindow)
                {
                    Check(await inFlight.Dequeue());
                }

                inFlight.Enqueue(client.PublishAsync(new MqttApplicationMessage
                {
                    Topic = topics[n % topics.Length],
                    Payload = new ReadOnlySequence<byte>(payload),
                    QualityOfServiceLevel = MqttQualityOfServiceLevel.AtLeastOnce,
                }, cancellationToken));
            }

            while (inFlight.Count > 0)
            {
                Check(await inFlight.Dequeue());
            }
        }, cancellationToken)));
    }

    private static void Check(MqttClientPublishResult result)
    {
        if (!result.IsSuccess)
        {
            throw new InvalidOperationException($"the broker refused a publish: {result.ReasonCode} {result.ReasonString}");
        }
    }

    private static async Task WaitForDeliveredAsync(KafkaLink link, long count, TimeSpan timeout, CancellationToken cancellationToken)
    {
        var deadline = Stopwatch.StartNew();
        while (link.Delivered < count)
        {
            if (deadline.Elapsed > timeout)
            {
                throw new TimeoutException($"the fan-out delivered {link.Delivered} of {count} (dead letters: {link.DeadLettered}, in flight: {link.InFlight})");
            }

            await Task.Delay(2, cancellationToken);
        }
    }

    /// <summary>CPU time of this process and of the broker from a starting point, per message.</summary>
    private readonly record struct CpuMeter(BrokerProcess Broker, TimeSpan Process, TimeSpan BrokerStart)
    {
        public static CpuMeter Start(BrokerProcess broker) => new(broker, System.Diagnostics.Process.GetCurrentProcess().TotalProcessorTime, broker.CpuTime);

        public CpuPerMessage PerMessage(int messages) => new(
            (System.Diagnostics.Process.GetCurrentProcess().TotalProcessorTime - Process).TotalMicroseconds / messages,
            (Broker.CpuTime - BrokerStart).TotalMicroseconds / messages);
    }
}

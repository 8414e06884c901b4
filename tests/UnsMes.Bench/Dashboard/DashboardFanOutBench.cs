using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Logging;
using MQTTnet;
using UnsMes.Bench.Brokers;
using UnsMes.Bench.Load;
using UnsMes.Dashboard;

namespace UnsMes.Bench.Dashboard;

/// <summary>
/// The dashboard's live path end to end: a publisher sends process values to the UnsMes broker (a separate
/// process) at a fixed rate; the dashboard (in this process) passes them to N browsers over server-sent events;
/// each browser here is an HTTP client reading the stream. Measured: messages each browser received, the latency
/// from publish to a browser, and how often a browser fell behind and was sent a snapshot instead.
/// Run with <c>-- dashboard [--browsers 10] [--rate 2000] [--seconds 10]</c>.
/// </summary>
internal static class DashboardFanOutBench
{
    private const int Topics = 50;

    public static async Task<int> RunAsync(string[] args, CancellationToken cancellationToken)
    {
        var browsers = Option(args, "--browsers", 10);
        var rate = Option(args, "--rate", 2000);
        var seconds = Option(args, "--seconds", 10);
        await using var broker = new UnsMesBroker(Path.GetFullPath(UnsMesBroker.FindDll()), []);
        await broker.StartAsync(cancellationToken);

        var port = FreePort.Next();
        var builder = WebApplication.CreateBuilder();
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Uns:Host"] = "127.0.0.1",
            ["Uns:Port"] = broker.Port.ToString(CultureInfo.InvariantCulture),
            ["Urls"] = $"http://127.0.0.1:{port}",
        });
        builder.Logging.SetMinimumLevel(LogLevel.Warning);
        builder.AddDashboard();
        await using var dashboard = builder.Build();
        dashboard.MapDashboard();
        await dashboard.StartAsync(cancellationToken);
        await Task.Delay(1000, cancellationToken); // the dashboard's client connects and subscribes

        var sent = new ConcurrentDictionary<long, long>();
        var readers = Enumerable.Range(0, browsers).Select(_ => new BrowserReader(port, sent)).ToList();
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var reading = readers.Select(r => r.RunAsync(stop.Token)).ToList();
        await Task.WhenAll(readers.Select(r => r.Started.Task));

        using var publisher = await BenchClient.ConnectAsync(broker.Port, "dashboard-bench", cancellationToken);
        var total = (long)rate * seconds;
        var started = Stopwatch.GetTimestamp();
        for (long seq = 0; seq < total; seq++)
        {
            // Paced to the rate: wait until this message is due.
            var due = TimeSpan.FromSeconds((double)seq / rate);
            var ahead = due - Stopwatch.GetElapsedTime(started);
            if (ahead > TimeSpan.FromMilliseconds(2))
            {
                await Task.Delay(ahead, cancellationToken);
            }

            var now = DateTimeOffset.UtcNow.ToUnixTimeMilliseconds();
            sent[seq] = Stopwatch.GetTimestamp();
            await publisher.PublishAsync(new MqttApplicationMessageBuilder()
                .WithTopic($"uns/v1/bench/s1/a1/l1/m{seq % Topics}/_tag/t")
                .WithPayload($$"""{"v":1,"ts":{{now}},"value":{{seq}},"unit":"","quality":"good"}""")
                .WithRetainFlag()
                .WithQualityOfServiceLevel(MQTTnet.Protocol.MqttQualityOfServiceLevel.AtLeastOnce)
                .Build(), cancellationToken);
        }

        var publishSeconds = Stopwatch.GetElapsedTime(started).TotalSeconds;
        var deadline = Stopwatch.GetTimestamp();
        while (readers.Any(r => r.Last < total - 1) && Stopwatch.GetElapsedTime(deadline) < TimeSpan.FromSeconds(10))
        {
            await Task.Delay(50, cancellationToken);
        }

        await stop.CancelAsync();
        await Task.WhenAll(reading);
        await BenchClient.CloseAsync(publisher);
        await dashboard.StopAsync(cancellationToken);

        var latencies = readers.SelectMany(r => r.Latencies).Order().ToList();
        double P(double p) => latencies.Count == 0 ? double.NaN : latencies[Math.Min(latencies.Count - 1, (int)(p * latencies.Count))];
        await Console.Out.WriteLineAsync("| browsers | rate msg/s | sent | published in s | received per browser (min) | snapshots | p50 ms | p99 ms | max ms |");
        await Console.Out.WriteLineAsync("|--:|--:|--:|--:|--:|--:|--:|--:|--:|");
        await Console.Out.WriteLineAsync(string.Create(CultureInfo.InvariantCulture,
            $"| {browsers} | {rate} | {total} | {publishSeconds:0.0} | {readers.Min(r => r.Received)} | {readers.Sum(r => r.Snapshots) - browsers} | {P(0.5):0.0} | {P(0.99):0.0} | {(latencies.Count == 0 ? double.NaN : latencies[^1]):0.0} |"));
        return 0;
    }

    private static int Option(string[] args, string name, int fallback)
    {
        var i = Array.IndexOf(args, name);
        return i >= 0 && i + 1 < args.Length ? int.Parse(args[i + 1], CultureInfo.InvariantCulture) : fallback;
    }

    /// <summary>One browser: reads the event stream, times each message it gets against when it was published.</summary>
    private sealed class BrowserReader(int port, ConcurrentDictionary<long, long> sent)
    {
        public TaskCompletionSource Started { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public List<double> Latencies { get; } = [];

        public long Received { get; private set; }

        public long Snapshots { get; private set; }

        public long Last { get; private set; } = -1;

        public async Task RunAsync(CancellationToken cancellationToken)
        {
            using var http = new HttpClient { Timeout = Timeout.InfiniteTimeSpan };
            try
            {
                using var response = await http.GetAsync(new Uri($"http://127.0.0.1:{port}/api/dashboard/stream"), HttpCompletionOption.ResponseHeadersRead, cancellationToken);
                using var reader = new StreamReader(await response.Content.ReadAsStreamAsync(cancellationToken));
                string? name = null;
                while (await reader.ReadLineAsync(cancellationToken) is { } line)
                {
                    if (line.StartsWith("event: ", StringComparison.Ordinal))
                    {
                        name = line[7..];
                    }
                    else if (line.StartsWith("data: ", StringComparison.Ordinal))
                    {
                        Handle(name, line.AsSpan(6));
                    }
                }
            }
            catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
            {
                // The run is over.
            }
        }

        private void Handle(string? name, ReadOnlySpan<char> data)
        {
            if (name == "snapshot")
            {
                Snapshots++;
                Started.TrySetResult();
                return;
            }

            using var message = JsonDocument.Parse(data.ToString());
            using var payload = JsonDocument.Parse(message.RootElement.GetProperty("payload").GetString()!);
            if (!payload.RootElement.TryGetProperty("value", out var value))
            {
                return; // the services' own status, not a bench message
            }

            var seq = value.GetInt64();
            Received++;
            Last = Math.Max(Last, seq);
            if (sent.TryGetValue(seq, out var at))
            {
                Latencies.Add(Stopwatch.GetElapsedTime(at).TotalMilliseconds);
            }
        }
    }
}

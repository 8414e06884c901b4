using System.Diagnostics;
using System.Globalization;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Logging;
using MQTTnet;
using UnsMes.Bench.Brokers;
using UnsMes.Bench.Load;
using UnsMes.Oee;

namespace UnsMes.Bench.Oee;

/// <summary>
/// The OEE service end to end: a state change published to the UnsMes broker, until the machine's retained
/// <c>_oee/hour</c> comes back with the new figures. Run with <c>-- oee-latency [--samples 60]</c>.
/// </summary>
internal static class OeeLatencyBench
{
    private const string Cell = "uns/v1/bench/s1/a1/l1/m1";

    public static async Task<int> RunAsync(string[] args, CancellationToken cancellationToken)
    {
        var samples = args is ["--samples", var n] ? int.Parse(n, CultureInfo.InvariantCulture) : 60;
        await using var broker = new UnsMesBroker(Path.GetFullPath(UnsMesBroker.FindDll()), []);
        await broker.StartAsync(cancellationToken);

        var builder = WebApplication.CreateBuilder();
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Uns:Host"] = "127.0.0.1",
            ["Uns:Port"] = broker.Port.ToString(CultureInfo.InvariantCulture),
            ["Uns:CleanStart"] = "true",
            ["Oee:StatePath"] = Path.Combine(Path.GetTempPath(), $"unsmes-oee-bench-{Guid.NewGuid():N}.json"),
            ["Urls"] = $"http://127.0.0.1:{FreePort.Next()}",
        });
        builder.Logging.SetMinimumLevel(LogLevel.Warning);
        builder.AddOeeCalculator();
        await using var oee = builder.Build();
        await oee.StartAsync(cancellationToken);

        using var client = await BenchClient.ConnectAsync(broker.Port, "oee-latency", cancellationToken);
        var arrived = new SemaphoreSlim(0);
        client.ApplicationMessageReceivedAsync += _ =>
        {
            arrived.Release();
            return Task.CompletedTask;
        };
        await client.SubscribeAsync(new MqttClientSubscribeOptionsBuilder().WithTopicFilter($"{Cell}/_oee/hour").Build(), cancellationToken);

        var latencies = new List<double>(samples);
        var states = new[] { "running", "down" };
        for (var i = 0; i < samples + 5; i++)
        {
            while (arrived.CurrentCount > 0)
            {
                await arrived.WaitAsync(cancellationToken);
            }

            var now = DateTimeOffset.UtcNow.ToUnixTimeMilliseconds();
            var state = states[i % 2];
            var reason = state == "down" ? ",\"reasonCode\":\"jam\"" : "";
            var payload = $$"""{"v":1,"ts":{{now}},"state":"{{state}}","since":{{now}}{{reason}}}""";
            var sent = Stopwatch.GetTimestamp();
            await client.PublishAsync(new MqttApplicationMessageBuilder().WithTopic($"{Cell}/_state").WithPayload(payload).WithRetainFlag()
                .WithQualityOfServiceLevel(MQTTnet.Protocol.MqttQualityOfServiceLevel.AtLeastOnce).Build(), cancellationToken);
            if (await arrived.WaitAsync(TimeSpan.FromSeconds(5), cancellationToken) && i >= 5)
            {
                latencies.Add(Stopwatch.GetElapsedTime(sent).TotalMilliseconds);
            }

            // Figures are published when they change at their one-second resolution; spacing the state changes by
            // more than that makes every change a visible update.
            await Task.Delay(1100, cancellationToken);
        }

        await oee.StopAsync(cancellationToken);
        latencies.Sort();
        double P(double p) => latencies[Math.Min(latencies.Count - 1, (int)(p * latencies.Count))];
        await Console.Out.WriteLineAsync("| samples | p50 ms | p99 ms | max ms |");
        await Console.Out.WriteLineAsync("|--:|--:|--:|--:|");
        await Console.Out.WriteLineAsync(string.Create(CultureInfo.InvariantCulture, $"| {latencies.Count} | {P(0.5):0.0} | {P(0.99):0.0} | {latencies[^1]:0.0} |"));
        return 0;
    }
}

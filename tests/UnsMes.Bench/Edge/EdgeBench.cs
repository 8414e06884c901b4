using System.Globalization;
using System.Text.Json;
using UnsMes.Bench.Brokers;
using UnsMes.Bench.Reporting;

namespace UnsMes.Bench.Edge;

/// <summary>
/// <c>dotnet run -c Release --project tests/UnsMes.Bench -- edge</c>: a sustained minute of 500 machines x 10 tags at
/// 1 Hz, then shorter runs with more machines until the publisher no longer keeps up with real time.
/// </summary>
internal static class EdgeBench
{
    private static readonly JsonSerializerOptions Indented = new() { WriteIndented = true };

    public const string Usage = """
        UnsMes.Bench edge: the edge publisher at real time against the UnsMes broker.

          --machines N[,N...]  machine counts (default 500,1000,2000,5000,10000); the first runs --seconds, the rest --scale-seconds
          --seconds N          duration of the first run (default 60)
          --scale-seconds N    duration of each further run (default 15)
          --gateways N         edge publishers sharing the plant's lines, each with its own connection (default 1)
          --json FILE          where to write every figure (default artifacts/bench/edge.json)
          --broker-dll FILE    the UnsMes broker (default: its Release build in the repository)
        """;

    public static async Task<int> RunAsync(string[] args, CancellationToken cancellationToken)
    {
        int[] machines = [500, 1000, 2000, 5000, 10000];
        var (seconds, scaleSeconds, json, dll, gateways) = (60, 15, "artifacts/bench/edge.json", (string?)null, 1);
        for (var i = 0; i < args.Length; i++)
        {
            var value = i + 1 < args.Length ? args[i + 1] : throw new ArgumentException($"{args[i]} needs a value");
            switch (args[i++])
            {
                case "--machines": machines = [.. value.Split(',').Select(v => int.Parse(v, CultureInfo.InvariantCulture))]; break;
                case "--seconds": seconds = int.Parse(value, CultureInfo.InvariantCulture); break;
                case "--scale-seconds": scaleSeconds = int.Parse(value, CultureInfo.InvariantCulture); break;
                case "--gateways": gateways = int.Parse(value, CultureInfo.InvariantCulture); break;
                case "--json": json = value; break;
                case "--broker-dll": dll = value; break;
                default: throw new ArgumentException($"unknown option {args[i - 1]}");
            }
        }

        await using var broker = new UnsMesBroker(Path.GetFullPath(dll ?? UnsMesBroker.FindDll()), []);
        await broker.StartAsync(cancellationToken);
        var results = new List<EdgeScenarioResult>();
        foreach (var (count, index) in machines.Select((m, i) => (m, i)))
        {
            var duration = TimeSpan.FromSeconds(index == 0 ? seconds : scaleSeconds);
            Progress.Note($"edge: {count} machines x {BenchPlant.TagsPerMachine} tags at 1 Hz, {gateways} gateway(s), for {duration.TotalSeconds:0} s");
            var result = await EdgeScenario.RunAsync(broker, count, gateways, duration, cancellationToken);
            results.Add(result);
            Progress.Note($"edge: {result.ConfirmedPerSecond:N0} msg/s confirmed of {result.OfferedPerSecond:N0} offered, max lag {result.MaxLagSeconds:0.00} s");
            if (!result.KeptUp)
            {
                break;
            }
        }

        await Console.Out.WriteLineAsync(Table(results));
        Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(json))!);
        await File.WriteAllTextAsync(json, JsonSerializer.Serialize(results, Indented), cancellationToken);
        return 0;
    }

    private static string Table(IEnumerable<EdgeScenarioResult> results) =>
        string.Join(Environment.NewLine, new[]
        {
            "| machines | gateways | tags | seconds | offered msg/s | confirmed msg/s | max lag s | kept up | publisher CPU % | broker CPU % | publisher MiB | broker RSS MiB |",
            "|--:|--:|--:|--:|--:|--:|--:|---|--:|--:|--:|--:|",
        }.Concat(results.Select(r => string.Create(CultureInfo.InvariantCulture,
            $"| {r.Machines:N0} | {r.Gateways} | {r.Tags:N0} | {r.Seconds:0} | {r.OfferedPerSecond:N0} | {r.ConfirmedPerSecond:N0} | {r.MaxLagSeconds:0.00} | {(r.KeptUp ? "yes" : "no")} | {r.PublisherCpuPercent:0} | {r.BrokerCpuPercent:0} | {r.PublisherWorkingSetMiB:0} | {r.BrokerRssMiB:0} |"))));
}

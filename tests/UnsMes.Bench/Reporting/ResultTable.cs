using System.Globalization;

namespace UnsMes.Bench.Reporting;

/// <summary>The figures as Markdown tables on stdout, ready for docs/benchmarks.md.</summary>
internal static class ResultTable
{
    private const double Mebibyte = 1024 * 1024;

    public static void Print(BenchReport report, TextWriter output)
    {
        var hasMosquitto = report.Brokers.Mosquitto is not null;
        output.WriteLine($"Broker benchmark: UnsMes broker ({report.Machine.MqttNet}) vs {report.Brokers.Mosquitto ?? "no Mosquitto (not installed)"}");
        output.WriteLine(Invariant($"{report.Machine.Cores} cores, {report.Machine.Os}, {report.Machine.Runtime}; load average {report.Machine.LoadAverageAtStart} at start, {report.Machine.LoadAverageAtEnd} at end"));
        output.WriteLine();
        output.WriteLine("| scenario | UnsMes msg/s | Mosquitto msg/s | ratio | lost (U / M) | p50 ms (U / M) | p99 ms (U / M) | max ms (U / M) | p99 ratio | broker CPU µs/msg (U / M) |");
        output.WriteLine("|---|--:|--:|--:|--:|--:|--:|--:|--:|--:|");
        foreach (var c in report.Scenarios)
        {
            var u = c.UnsMes;
            var m = c.Mosquitto;
            output.WriteLine(Invariant(
                $"| {c.Scenario} | {Rate(c, u)} | {Rate(c, m)} | {Ratio(c.ThroughputRatio)} | {Pair(u.Lost, m?.Lost)} | {Pair(u.P50Ms, m?.P50Ms)} | {Pair(u.P99Ms, m?.P99Ms)} | {Pair(u.MaxMs, m?.MaxMs)} | {Ratio(c.P99Ratio)} | {Pair(u.BrokerCpuMicrosPerMessage, m?.BrokerCpuMicrosPerMessage, "0.0")} |"));
        }

        output.WriteLine();
        output.WriteLine("msg/s: the median run (lowest–highest) when a scenario ran more than once; the other columns are from the median run.");
        output.WriteLine("ratio = UnsMes / Mosquitto: throughput above 1 means UnsMes delivered faster; p99 below 1 means UnsMes was quicker.");
        output.WriteLine("broker CPU µs/msg: CPU time of the broker process per delivered message (the load generator shares the same cores).");
        foreach (var c in report.Scenarios.Where(c => c.Note is not null))
        {
            output.WriteLine($"{c.Scenario}: {c.Note}.");
        }

        output.WriteLine();
        output.WriteLine("| retained topics | broker | retained msg/s | idle RSS MiB | RSS MiB | peak RSS MiB | replay to a new subscriber | RSS after replay MiB | store on disk MiB |");
        output.WriteLine("|--:|---|--:|--:|--:|--:|--:|--:|--:|");
        foreach (var r in report.Retained)
        {
            output.WriteLine(Invariant(
                $"| {r.Topics:N0} | {r.Broker} | {r.RetainedPerSecond:N0} | {r.IdleRssBytes / Mebibyte:0} | {r.RssBytes / Mebibyte:0} | {r.PeakRssBytes / Mebibyte:0} | {r.ReplayReceived:N0} in {r.ReplaySeconds:0.00} s | {r.RssAfterReplayBytes / Mebibyte:0} | {(r.StoreBytes is { } s ? (s / Mebibyte).ToString("0", CultureInfo.InvariantCulture) : "-")} |"));
        }

        var retained = report.Retained.ToDictionary(r => r.Broker);
        if (hasMosquitto && retained.TryGetValue("UnsMes", out var ru) && retained.TryGetValue("Mosquitto", out var rm) && rm.RssBytes > 0 && rm.RetainedPerSecond > 0)
        {
            output.WriteLine(Invariant($"ratio UnsMes / Mosquitto: RSS {(double)ru.RssBytes / rm.RssBytes:0.0}x, retained msg/s {ru.RetainedPerSecond / rm.RetainedPerSecond:0.00}"));
        }

        var problems = report.Scenarios
            .SelectMany(c => c.Runs.Where(m => m.Error is not null || m.Rejected > 0 || m.Lost > 0 || m.BrokerWarnings > 0)
                .Select(m => Invariant($"{c.Scenario} on {m.Broker}: {m.Error ?? "completed"}; lost {m.Lost:N0}, rejected {m.Rejected:N0} {m.FirstRejection}, broker warnings {m.BrokerWarnings}")))
            .Concat(report.Retained.Where(r => r.Error is not null || r.Rejected > 0 || r.ReplayReceived != r.Topics)
                .Select(r => Invariant($"retained on {r.Broker}: {r.Error ?? "completed"}; rejected {r.Rejected:N0}, replayed {r.ReplayReceived:N0} of {r.Topics:N0}")))
            .Concat(report.Notes)
            .ToList();
        if (problems.Count > 0)
        {
            output.WriteLine();
            problems.ForEach(output.WriteLine);
        }
    }

    private static string Rate(Comparison c, Measurement? m)
    {
        if (m is null)
        {
            return "-";
        }

        if (m.Error is not null)
        {
            return "failed";
        }

        var (min, max) = c.Range(m.Broker);
        return c.Runs.Count(r => r.Broker == m.Broker) > 1
            ? Invariant($"{m.MessagesPerSecond:N0} ({min:N0}–{max:N0})")
            : Invariant($"{m.MessagesPerSecond:N0}");
    }

    private static string Ratio(double? ratio) => ratio is { } r ? Invariant($"{r:0.00}") : "-";

    private static string Pair(long unsMes, long? mosquitto) => mosquitto is { } m ? Invariant($"{unsMes:N0} / {m:N0}") : Invariant($"{unsMes:N0}");

    private static string Pair(double unsMes, double? mosquitto, string format = "0.00") =>
        mosquitto is { } m
            ? $"{unsMes.ToString(format, CultureInfo.InvariantCulture)} / {m.ToString(format, CultureInfo.InvariantCulture)}"
            : unsMes.ToString(format, CultureInfo.InvariantCulture);

    private static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}

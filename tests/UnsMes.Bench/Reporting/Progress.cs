using System.Diagnostics;
using System.Globalization;

namespace UnsMes.Bench.Reporting;

/// <summary>One line per scenario start and end on stderr, so a long run shows where it is.</summary>
internal static class Progress
{
    private static readonly Stopwatch Clock = Stopwatch.StartNew();

    public static void Note(string text) => Console.Error.WriteLine(string.Create(CultureInfo.InvariantCulture, $"[{Clock.Elapsed:mm\\:ss}] {text}"));

    public static void Start(string scenario, string broker) => Note($"start {scenario} on {broker}");

    public static void End(string scenario, Measurement m) => Note(m.Error is not null
        ? $"FAILED {scenario} on {m.Broker}: {m.Error}"
        : string.Create(CultureInfo.InvariantCulture,
            $"end   {scenario} on {m.Broker}: {m.MessagesPerSecond:N0} msg/s, {m.Received:N0}/{m.Expected:N0} delivered, lost {m.Lost:N0}, p50 {m.P50Ms:0.00} ms, p99 {m.P99Ms:0.00} ms ({m.Seconds:0.0} s){Tcp(m.Tcp)}"));

    private static string Tcp(Brokers.TcpCounters? tcp) =>
        tcp is { Retransmits: > 0 } or { ReceiveQueueDrops: > 0 }
            ? string.Create(CultureInfo.InvariantCulture, $", TCP: {tcp.Retransmits} retransmits, {tcp.ReceiveQueueDrops} receive-queue drops")
            : "";

    public static void End(RetainedMeasurement m) => Note(m.Error is not null
        ? $"FAILED retained on {m.Broker}: {m.Error}"
        : string.Create(CultureInfo.InvariantCulture,
            $"end   retained on {m.Broker}: {m.RetainedPerSecond:N0} retained msg/s, RSS {m.RssBytes / 1048576.0:0} MiB (idle {m.IdleRssBytes / 1048576.0:0} MiB), replay {m.ReplayReceived:N0} in {m.ReplaySeconds:0.0} s"));
}

using UnsMes.Bench.Brokers;

namespace UnsMes.Bench.Reporting;

/// <summary>One delivery scenario on one broker: every figure the table and the JSON show.</summary>
internal sealed record Measurement
{
    public required string Broker { get; init; }
    public required long Expected { get; init; }
    public long Received { get; init; }
    /// <summary>Expected minus received once delivery stalled for the drain timeout.</summary>
    public long Lost { get; init; }
    /// <summary>QoS 1 publishes the broker refused (a PUBACK with an error reason code).</summary>
    public long Rejected { get; init; }
    public string? FirstRejection { get; init; }
    /// <summary>From the first publish to the last delivery.</summary>
    public double Seconds { get; init; }
    /// <summary>From the first publish to the last publish completing (QoS 1: acknowledged).</summary>
    public double PublishSeconds { get; init; }
    /// <summary>Messages delivered to subscribers per second.</summary>
    public double MessagesPerSecond { get; init; }
    public long LatencySamples { get; init; }
    public double P50Ms { get; init; }
    public double P99Ms { get; init; }
    public double MaxMs { get; init; }
    /// <summary>CPU the broker process used from the first publish to the last delivery.</summary>
    public double BrokerCpuSeconds { get; init; }
    /// <summary>Broker CPU per delivered message: what the broker itself costs, whatever the load generator manages.</summary>
    public double BrokerCpuMicrosPerMessage { get; init; }
    /// <summary>CPU the load generator (this process: publishers and subscribers) used meanwhile.</summary>
    public double GeneratorCpuSeconds { get; init; }
    /// <summary>Kernel TCP retransmissions and receive-queue drops during the scenario (whole machine, Linux).</summary>
    public TcpCounters? Tcp { get; init; }
    /// <summary>Warning or error lines the broker logged during the scenario.</summary>
    public int BrokerWarnings { get; init; }
    public string? Error { get; init; }
}

/// <summary>
/// One scenario on both brokers: each broker's median run (by throughput) and UnsMes/Mosquitto ratios of those
/// (throughput: higher is better; p99 and CPU: lower is better), with every run kept for the record.
/// </summary>
internal sealed record Comparison(
    string Scenario,
    string Kind,
    int Qos,
    string Payload,
    int Publishers,
    int Subscribers,
    Measurement UnsMes,
    Measurement? Mosquitto,
    string? Note)
{
    public IReadOnlyList<Measurement> Runs { get; init; } = [];

    public double? ThroughputRatio => Ratio(UnsMes.MessagesPerSecond, Mosquitto?.MessagesPerSecond);

    public double? P99Ratio => Ratio(UnsMes.P99Ms, Mosquitto?.P99Ms);

    /// <summary>Broker CPU per delivered message, UnsMes / Mosquitto (lower is better).</summary>
    public double? CpuRatio => Ratio(UnsMes.BrokerCpuMicrosPerMessage, Mosquitto?.BrokerCpuMicrosPerMessage);

    /// <summary>The run with the median throughput (the lower middle one for an even count).</summary>
    public static Measurement Median(IReadOnlyList<Measurement> runs) =>
        runs.OrderBy(r => r.MessagesPerSecond).ElementAt((runs.Count - 1) / 2);

    /// <summary>Lowest and highest throughput of a broker's runs.</summary>
    public (double Min, double Max) Range(string broker)
    {
        var rates = Runs.Where(r => r.Broker == broker).Select(r => r.MessagesPerSecond).ToList();
        return rates.Count == 0 ? (0, 0) : (rates.Min(), rates.Max());
    }

    private static double? Ratio(double unsMes, double? mosquitto) =>
        mosquitto is > 0 && double.IsFinite(unsMes) && unsMes > 0 ? unsMes / mosquitto : null;
}

/// <summary>The memory scenario on one broker: retained topics held, how fast they were stored, what it costs in RSS.</summary>
internal sealed record RetainedMeasurement
{
    public required string Broker { get; init; }
    public required int Topics { get; init; }
    public required int Publishers { get; init; }
    public required int PayloadBytes { get; init; }
    public double PublishSeconds { get; init; }
    /// <summary>Retained publishes acknowledged per second (UnsMes: stored in SQLite before the PUBACK).</summary>
    public double RetainedPerSecond { get; init; }
    public long Rejected { get; init; }
    /// <summary>RSS of the fresh broker before any client connected.</summary>
    public long IdleRssBytes { get; init; }
    /// <summary>RSS holding every retained topic, after the settle time.</summary>
    public long RssBytes { get; init; }
    public long PeakRssBytes { get; init; }
    /// <summary>Retained messages a new subscriber to bench/retained/# received, and how long that took.</summary>
    public long ReplayReceived { get; init; }
    public double ReplaySeconds { get; init; }
    public long RssAfterReplayBytes { get; init; }
    /// <summary>UnsMes only: the retained store's files on disk.</summary>
    public long? StoreBytes { get; init; }
    public int BrokerWarnings { get; init; }
    public string? Error { get; init; }
}

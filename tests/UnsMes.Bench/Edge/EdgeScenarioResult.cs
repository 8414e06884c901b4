namespace UnsMes.Bench.Edge;

/// <summary>One edge run: offered and confirmed message rates, how far it fell behind real time, and what it cost.</summary>
internal sealed record EdgeScenarioResult(
    int Machines,
    int Gateways,
    int Tags,
    double Seconds,
    long Offered,
    long Confirmed,
    double OfferedPerSecond,
    double ConfirmedPerSecond,
    double MaxLagSeconds,
    double PublisherCpuPercent,
    double BrokerCpuPercent,
    double PublisherWorkingSetMiB,
    double BrokerRssMiB)
{
    /// <summary>Keeping up: everything confirmed and never more than two seconds behind the wall clock.</summary>
    public bool KeptUp => Confirmed >= Offered * 0.99 && MaxLagSeconds < 2;
}

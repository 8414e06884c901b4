using UnsMes.Uns.Topics;

namespace UnsMes.Uns.Payloads;

/// <summary><c>_progress/{id}</c>: how far a work order has come on its line, and when it will finish (retained).</summary>
public sealed record ProgressPayload : IUnsPayload
{
    public required int V { get; init; }
    public required long Ts { get; init; }
    public required string WorkOrderId { get; init; }
    public required WorkOrderStatus Status { get; init; }
    public required double Good { get; init; }
    public required double Scrap { get; init; }
    public required double Remaining { get; init; }
    /// <summary>Good units per hour, measured over the recent window.</summary>
    public required double RatePerHour { get; init; }
    /// <summary>Good / (good + scrap) over the recent window.</summary>
    public required double Yield { get; init; }
    public long? EtaTs { get; init; }

    public void AddProblems(UnsTopic topic, ProblemList problems)
    {
        problems.SameAsTopic("workOrderId", WorkOrderId, topic.Name);
        problems.NonNegative("good", Good);
        problems.NonNegative("scrap", Scrap);
        problems.NonNegative("remaining", Remaining);
        problems.NonNegative("ratePerHour", RatePerHour);
        problems.Fraction("yield", Yield);
        problems.Timestamp("etaTs", EtaTs);
    }
}

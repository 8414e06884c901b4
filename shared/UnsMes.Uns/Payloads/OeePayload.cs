using UnsMes.Uns.Topics;

namespace UnsMes.Uns.Payloads;

/// <summary>
/// <c>_oee/{window}</c>: OEE of a scope (cell, line, area, site) over a window such as <c>shift</c>, <c>hour</c>,
/// <c>today</c> or <c>workorder</c> (retained). Definitions follow ISO 22400 and docs/oee.md.
/// </summary>
public sealed record OeePayload : IUnsPayload
{
    private const double Tolerance = 1e-6;

    public required int V { get; init; }
    public required long Ts { get; init; }
    public required long WindowStart { get; init; }
    public long? WindowEnd { get; init; }
    /// <summary>True once the window has ended and its figures are final.</summary>
    public required bool Closed { get; init; }
    public required double Availability { get; init; }
    /// <summary>May exceed 1: that flags an ideal cycle time set too slow, and is reported rather than clamped.</summary>
    public required double Performance { get; init; }
    public required double Quality { get; init; }
    public required double Oee { get; init; }
    public required double PlannedBusyTimeS { get; init; }
    public required double RunTimeS { get; init; }
    public required long TotalCount { get; init; }
    public required long GoodCount { get; init; }
    public required OeeLosses Losses { get; init; }
    public string? WorkOrderId { get; init; }
    public string? ProductId { get; init; }

    public void AddProblems(UnsTopic topic, ProblemList problems)
    {
        problems.Timestamp("windowStart", WindowStart);
        OptionalNames.Check(problems, WorkOrderId, ProductId);
        if (Closed && WindowEnd is null)
        {
            problems.Add("$.windowEnd: a closed window needs its end");
        }

        problems.NotBefore("windowEnd", WindowEnd, "windowStart", WindowStart);
        problems.Fraction("availability", Availability);
        problems.NonNegative("performance", Performance);
        problems.Fraction("quality", Quality);
        problems.NonNegative("oee", Oee);
        problems.NonNegative("plannedBusyTimeS", PlannedBusyTimeS);
        problems.NonNegative("runTimeS", RunTimeS);
        problems.NonNegative("totalCount", TotalCount);
        if (GoodCount < 0 || GoodCount > TotalCount)
        {
            problems.Add($"$.goodCount: {GoodCount} must be between 0 and $.totalCount ({TotalCount})");
        }

        if (RunTimeS > PlannedBusyTimeS + Tolerance)
        {
            problems.Add($"$.runTimeS: {RunTimeS} exceeds $.plannedBusyTimeS ({PlannedBusyTimeS})");
        }

        var product = Availability * Performance * Quality;
        if (Math.Abs(product - Oee) > Tolerance)
        {
            problems.Add($"$.oee: {Oee} is not availability x performance x quality ({product:0.######})");
        }

        Losses.AddProblems(problems);
    }
}

/// <summary>The six big losses as time, in seconds of planned busy time.</summary>
public sealed record OeeLosses
{
    /// <summary>Unplanned stops longer than the micro-stop threshold, by reason code.</summary>
    public required IReadOnlyDictionary<string, double> AvailabilityByReasonS { get; init; }
    public required double SetupS { get; init; }
    public required double MicroStopS { get; init; }
    /// <summary>Running slower than the ideal cycle time.</summary>
    public required double SpeedS { get; init; }
    /// <summary>Time spent making parts that were scrapped or reworked.</summary>
    public required double QualityS { get; init; }

    public void AddProblems(ProblemList problems)
    {
        foreach (var (reason, seconds) in AvailabilityByReasonS)
        {
            problems.NonNegative($"losses.availabilityByReasonS.{reason}", seconds);
        }

        problems.NonNegative("losses.setupS", SetupS);
        problems.NonNegative("losses.microStopS", MicroStopS);
        problems.NonNegative("losses.qualityS", QualityS);
        // Speed loss is negative exactly when performance exceeds 1; that is reported, not hidden.
        if (!double.IsFinite(SpeedS))
        {
            problems.Add("$.losses.speedS: must be a finite number");
        }
    }
}

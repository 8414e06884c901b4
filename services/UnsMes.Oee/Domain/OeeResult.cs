using UnsMes.Uns.Payloads;
using UnsMes.Uns.Topics;

namespace UnsMes.Oee.Domain;

/// <summary>
/// OEE of one scope (cell, line, area, site) over one window, with the six big losses as time. The losses and the
/// fully productive time add up to the planned busy time. Maps one to one onto <see cref="OeePayload"/>.
/// </summary>
public sealed record OeeResult
{
    public required IsaPath Scope { get; init; }
    public required OeeWindow Window { get; init; }
    /// <summary>True once the window has closed: the figures are final.</summary>
    public required bool Closed { get; init; }
    public required double PlannedBusyTimeS { get; init; }
    /// <summary>Actual production time: running plus micro-stops.</summary>
    public required double RunTimeS { get; init; }
    public required long GoodCount { get; init; }
    public required long TotalCount { get; init; }
    /// <summary>Ideal cycle time x units made (good and scrap).</summary>
    public required double IdealTimeS { get; init; }
    public required double Availability { get; init; }
    /// <summary>May exceed 1 (see <see cref="IdealCycleTimeSuspect"/>); never clamped.</summary>
    public required double Performance { get; init; }
    public required double Quality { get; init; }
    public required double Oee { get; init; }
    public required OeeLosses Losses { get; init; }
    /// <summary>Ideal cycle time x good units: the time that would have been needed at ideal speed, without losses.</summary>
    public required double FullyProductiveS { get; init; }
    /// <summary>
    /// True when the units' ideal time exceeds the time spent running (so the speed loss is negative): the ideal
    /// cycle time is set too slow. Every performance above 1 is flagged.
    /// </summary>
    public required bool IdealCycleTimeSuspect { get; init; }
    public string? ProductId { get; init; }

    internal static OeeResult From(IsaPath scope, OeeWindow window, bool closed, OeeTotals totals, string? productId)
    {
        var availabilityMs = totals.AvailabilityByReasonMs.Values.Sum();
        var runMs = totals.RunningMs + totals.MicroStopMs;
        var plannedMs = runMs + totals.SetupMs + availabilityMs;
        var total = totals.Good + totals.Scrap;
        var runningS = Seconds(totals.RunningMs);

        // A factor whose denominator is zero is zero: nothing planned, nothing run or nothing made.
        var availability = plannedMs > 0 ? (double)runMs / plannedMs : 0;
        var performance = runMs > 0 ? totals.IdealS / Seconds(runMs) : 0;
        var quality = total > 0 ? (double)totals.Good / total : 0;

        var result = new OeeResult
        {
            Scope = scope,
            Window = window,
            Closed = closed,
            PlannedBusyTimeS = Seconds(plannedMs),
            RunTimeS = Seconds(runMs),
            GoodCount = totals.Good,
            TotalCount = total,
            IdealTimeS = totals.IdealS,
            Availability = availability,
            Performance = performance,
            Quality = quality,
            Oee = availability * performance * quality,
            Losses = new OeeLosses
            {
                AvailabilityByReasonS = new SortedDictionary<string, double>(
                    totals.AvailabilityByReasonMs.Where(p => p.Value != 0).ToDictionary(p => p.Key, p => Seconds(p.Value), StringComparer.Ordinal),
                    StringComparer.Ordinal),
                SetupS = Seconds(totals.SetupMs),
                MicroStopS = Seconds(totals.MicroStopMs),
                SpeedS = runningS - totals.IdealS,
                QualityS = totals.IdealScrapS,
            },
            FullyProductiveS = totals.IdealS - totals.IdealScrapS,
            IdealCycleTimeSuspect = totals.IdealS > runningS,
            ProductId = productId,
        };
        result.Guard();
        return result;
    }

    /// <summary>The losses plus the fully productive time; equals <see cref="PlannedBusyTimeS"/> up to rounding.</summary>
    public double AccountedTimeS =>
        Losses.AvailabilityByReasonS.Values.Sum() + Losses.SetupS + Losses.MicroStopS + Losses.SpeedS + Losses.QualityS + FullyProductiveS;

    private static double Seconds(long ms) => ms / 1000.0;

    // The figures are derived so these always hold; if one does not, the bookkeeping has a bug worth stopping for.
    private void Guard()
    {
        if (!(Availability is >= 0 and <= 1) || !(Quality is >= 0 and <= 1) || !(Performance >= 0) || !double.IsFinite(Performance))
        {
            throw new InvalidOperationException($"OEE factors out of range for {Scope} {Window.Key}: A={Availability} P={Performance} Q={Quality}.");
        }

        if (RunTimeS > PlannedBusyTimeS || GoodCount > TotalCount || GoodCount < 0)
        {
            throw new InvalidOperationException($"Inconsistent figures for {Scope} {Window.Key}: run {RunTimeS} s of {PlannedBusyTimeS} s, {GoodCount} good of {TotalCount}.");
        }
    }
}

using UnsMes.Uns.Payloads;

namespace UnsMes.Oee.Domain;

/// <summary>
/// Cumulative counters of a machine at <see cref="Ts"/>, with the ideal cycle time (seconds per unit) of what it
/// makes. The caller resolves that time (work-order routing, else the count payload, else a configured default).
/// <see cref="LineIdealCycleTimeS"/> is the line's bottleneck time when the caller knows it from routing; without
/// it the calculator takes the slowest ideal cycle time last seen on any machine of the line.
/// </summary>
public sealed record CounterReading(
    long Ts,
    long Good,
    long Scrap,
    double IdealCycleTimeS,
    string? WorkOrderId = null,
    string? ProductId = null,
    double? LineIdealCycleTimeS = null)
{
    public static CounterReading From(ProductionCountPayload payload, double idealCycleTimeS, double? lineIdealCycleTimeS = null)
    {
        ArgumentNullException.ThrowIfNull(payload);
        return new CounterReading(payload.Ts, payload.Good, payload.Scrap, idealCycleTimeS, payload.WorkOrderId,
            payload.ProductId, lineIdealCycleTimeS);
    }

    /// <summary>Null when the reading can be used, else why not.</summary>
    internal string? Problem() =>
        Ts <= 0 ? $"ts {Ts} is not an epoch-millisecond time"
        : Good < 0 || Scrap < 0 ? $"counters must not be negative (good {Good}, scrap {Scrap})"
        : !(IdealCycleTimeS > 0) || double.IsInfinity(IdealCycleTimeS) ? $"idealCycleTimeS {IdealCycleTimeS} must be a positive number"
        : LineIdealCycleTimeS is { } line && (!(line > 0) || double.IsInfinity(line)) ? $"lineIdealCycleTimeS {line} must be a positive number"
        : null;
}

namespace UnsMes.Oee.Domain;

/// <summary>
/// Turns a machine's cumulative counters into units made: the difference from the previous reading, the new values
/// themselves after a reset (a counter that went down restarted from zero), nothing for a reading older than the
/// latest (the later value already holds its units).
/// </summary>
internal sealed class ProductionCounter
{
    public CounterValue? Last { get; private set; }

    public CounterStep Step(CounterReading reading)
    {
        if (Last is not { } last)
        {
            return new CounterStep(CounterStepKind.Baseline, 0, 0);
        }

        if (reading.Ts < last.Ts)
        {
            return new CounterStep(CounterStepKind.Stale, 0, 0);
        }

        return reading.Good < last.Good || reading.Scrap < last.Scrap
            ? new CounterStep(CounterStepKind.Reset, reading.Good, reading.Scrap)
            : new CounterStep(CounterStepKind.Counted, reading.Good - last.Good, reading.Scrap - last.Scrap);
    }

    public void Accept(CounterReading reading) => Last = new CounterValue(reading.Ts, reading.Good, reading.Scrap);

    public static ProductionCounter FromSnapshot(CounterValue? last) => new() { Last = last };
}

/// <summary>A cumulative reading as last accepted.</summary>
public sealed record CounterValue(long Ts, long Good, long Scrap);

internal enum CounterStepKind
{
    /// <summary>The first reading: it only sets where counting starts.</summary>
    Baseline,
    /// <summary>Older than the latest reading: ignored.</summary>
    Stale,
    Counted,
    /// <summary>The counter went down; the new values count from zero.</summary>
    Reset,
}

internal readonly record struct CounterStep(CounterStepKind Kind, long Good, long Scrap);

namespace UnsMes.Oee.Domain;

/// <summary>
/// What one machine booked into one window: time by category (whole milliseconds, so taking a booking back is
/// exact), units, and their ideal time at the machine's own and at the line's bottleneck cycle time.
/// </summary>
internal sealed class WindowTally
{
    public long RunningMs { get; set; }
    public long MicroStopMs { get; set; }
    public long SetupMs { get; set; }
    public Dictionary<string, long> AvailabilityMs { get; init; } = new(StringComparer.Ordinal);
    public long Good { get; set; }
    public long Scrap { get; set; }
    /// <summary>Ideal cycle time x units, at the machine's ideal cycle time.</summary>
    public double IdealS { get; set; }
    /// <summary>Ideal cycle time x scrapped units, at the machine's ideal cycle time.</summary>
    public double IdealScrapS { get; set; }
    /// <summary>The same at the line's bottleneck ideal cycle time; used when this machine is its line's output.</summary>
    public double LineIdealS { get; set; }
    public double LineIdealScrapS { get; set; }
    /// <summary>The product of the last units booked.</summary>
    public string? ProductId { get; set; }

    /// <summary>Books (or, with a negative sign, takes back) one ledger entry.</summary>
    public void Book(LedgerEntry entry, int sign)
    {
        var ms = sign * entry.Ms;
        switch (entry.Category)
        {
            case TimeCategory.Running:
                RunningMs = NotNegative(RunningMs + ms, entry);
                break;
            case TimeCategory.MicroStop:
                MicroStopMs = NotNegative(MicroStopMs + ms, entry);
                break;
            case TimeCategory.Setup:
                SetupMs = NotNegative(SetupMs + ms, entry);
                break;
            case TimeCategory.Availability:
                var reason = entry.Reason ?? throw new InvalidOperationException($"An availability entry without a reason: {entry}.");
                var left = NotNegative(AvailabilityMs.GetValueOrDefault(reason) + ms, entry);
                if (left == 0)
                {
                    AvailabilityMs.Remove(reason);
                }
                else
                {
                    AvailabilityMs[reason] = left;
                }

                break;
            default:
                throw new InvalidOperationException($"{entry.Category} time is never booked: {entry}.");
        }
    }

    public void BookUnits(long good, long scrap, double idealCycleTimeS, double lineIdealCycleTimeS, string? productId)
    {
        Good += good;
        Scrap += scrap;
        IdealS += idealCycleTimeS * (good + scrap);
        IdealScrapS += idealCycleTimeS * scrap;
        LineIdealS += lineIdealCycleTimeS * (good + scrap);
        LineIdealScrapS += lineIdealCycleTimeS * scrap;
        ProductId = productId ?? ProductId;
    }

    /// <summary>The figures to report: at the machine's own ideal cycle time, or at the line's bottleneck time.</summary>
    public OeeTotals Totals(bool atLineIdealCycleTime) => new(
        RunningMs,
        MicroStopMs,
        SetupMs,
        AvailabilityMs,
        Good,
        Scrap,
        atLineIdealCycleTime ? LineIdealS : IdealS,
        atLineIdealCycleTime ? LineIdealScrapS : IdealScrapS);

    // Taking back more than was booked means the ledger and the tally disagree: a bug to see at once.
    private static long NotNegative(long value, LedgerEntry entry) =>
        value >= 0 ? value : throw new InvalidOperationException($"Booking {entry} would leave {value} ms; the ledger is out of step.");
}

namespace UnsMes.Oee.Domain;

/// <summary>
/// The additive figures of a scope over a window. Lines, areas and sites are summed in this form and only then
/// turned into factors, so every second and unit weighs the same wherever it was made.
/// </summary>
internal sealed record OeeTotals(
    long RunningMs,
    long MicroStopMs,
    long SetupMs,
    IReadOnlyDictionary<string, long> AvailabilityByReasonMs,
    long Good,
    long Scrap,
    double IdealS,
    double IdealScrapS)
{
    public static readonly OeeTotals Empty = new(0, 0, 0, new Dictionary<string, long>(), 0, 0, 0, 0);

    public OeeTotals Plus(OeeTotals other)
    {
        var availability = new Dictionary<string, long>(AvailabilityByReasonMs, StringComparer.Ordinal);
        foreach (var (reason, ms) in other.AvailabilityByReasonMs)
        {
            availability[reason] = availability.GetValueOrDefault(reason) + ms;
        }

        return new OeeTotals(
            RunningMs + other.RunningMs,
            MicroStopMs + other.MicroStopMs,
            SetupMs + other.SetupMs,
            availability,
            Good + other.Good,
            Scrap + other.Scrap,
            IdealS + other.IdealS,
            IdealScrapS + other.IdealScrapS);
    }
}

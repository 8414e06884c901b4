using System.Text.Json.Serialization;
using UnsMes.Uns.Topics;

namespace UnsMes.Uns.Payloads;

/// <summary>
/// <c>_count</c>: cumulative counters, as a PLC keeps them (retained). Consumers take differences between
/// successive values, so a lost message loses no parts; a decrease means the counter was reset.
/// </summary>
public sealed record ProductionCountPayload : IUnsPayload
{
    public required int V { get; init; }
    public required long Ts { get; init; }
    public required long Good { get; init; }
    public required long Scrap { get; init; }
    /// <summary>Unit of the counts, e.g. "pcs" for a discrete line or "m" for a rolling mill.</summary>
    public required string Unit { get; init; }
    /// <summary>Cumulative scrap per reason code; its values add up to <see cref="Scrap"/> when present.</summary>
    public IReadOnlyDictionary<string, long>? ScrapByReason { get; init; }
    /// <summary>
    /// The ideal cycle time the machine runs to now, in seconds per unit (for the product it is making). The OEE
    /// calculator uses it when the work order does not give one.
    /// </summary>
    public double? IdealCycleTimeS { get; init; }
    public string? WorkOrderId { get; init; }
    public string? ProductId { get; init; }
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingDefault)]
    public bool Historical { get; init; }

    public long Total => Good + Scrap;

    public void AddProblems(UnsTopic topic, ProblemList problems)
    {
        problems.NonNegative("good", Good);
        problems.NonNegative("scrap", Scrap);
        problems.NotBlank("unit", Unit);
        if (IdealCycleTimeS is { } ict)
        {
            problems.Positive("idealCycleTimeS", ict);
        }

        OptionalNames.Check(problems, WorkOrderId, ProductId);
        if (ScrapByReason is { Count: > 0 })
        {
            foreach (var (reason, count) in ScrapByReason)
            {
                problems.Name($"scrapByReason.{reason}", reason);
                problems.NonNegative($"scrapByReason.{reason}", count);
            }

            var sum = ScrapByReason.Values.Aggregate(Int128.Zero, (total, count) => total + count);
            if (sum != Scrap)
            {
                problems.Add($"$.scrapByReason: adds up to {sum}, but $.scrap is {Scrap}");
            }
        }
    }
}

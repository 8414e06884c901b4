using UnsMes.Uns.Topics;

namespace UnsMes.Oee.Domain;

/// <summary>
/// Totals of a scope over a window. A cell is its own tally. A line is its output machine's tally at the line's
/// bottleneck ideal cycle time: availability from that machine's states, performance and quality from its counts.
/// An area, a site or the enterprise is the sum of its lines' totals, from which the factors are computed again.
/// </summary>
internal static class ScopeFigures
{
    public static (OeeTotals Totals, string? ProductId) Of(IsaPath scope, WindowKey window, PlantLayout layout, IReadOnlyDictionary<IsaPath, MachineAccount> machines) =>
        scope.Level switch
        {
            IsaLevel.Cell => Machine(scope, window, machines, atLineIdealCycleTime: false),
            IsaLevel.Line => Line(scope, window, layout, machines),
            _ => (layout.LinesWithin(scope)
                .Select(line => Line(line, window, layout, machines).Totals)
                .Aggregate(OeeTotals.Empty, (sum, line) => sum.Plus(line)), null),
        };

    private static (OeeTotals Totals, string? ProductId) Line(IsaPath line, WindowKey window, PlantLayout layout, IReadOnlyDictionary<IsaPath, MachineAccount> machines) =>
        layout.OutputOf(line) is { } output ? Machine(output, window, machines, atLineIdealCycleTime: true) : (OeeTotals.Empty, null);

    private static (OeeTotals Totals, string? ProductId) Machine(IsaPath cell, WindowKey window, IReadOnlyDictionary<IsaPath, MachineAccount> machines, bool atLineIdealCycleTime) =>
        machines.TryGetValue(cell, out var account) && account.Tallies.TryGetValue(window, out var tally)
            ? (tally.Totals(atLineIdealCycleTime), tally.ProductId)
            : (OeeTotals.Empty, null);
}

using UnsMes.Uns.Topics;

namespace UnsMes.Oee.Domain;

/// <summary>What an input must satisfy before the calculator looks at it; each rule answers null or why not.</summary>
internal static class InputRules
{
    public static IsaPath RequireCell(IsaPath cell) =>
        CellProblem(cell) is { } problem ? throw new ArgumentException(problem, nameof(cell)) : cell;

    public static string? CellProblem(IsaPath? cell) =>
        cell is null || cell.Level != IsaLevel.Cell ? $"'{cell}' is not a cell path (enterprise/site/area/line/cell)" : null;

    public static string? StateProblem(MachineStateChange change) =>
        change.SinceMs <= 0 ? $"since {change.SinceMs} is not an epoch-millisecond time"
        : change.Ts < change.SinceMs ? $"ts {change.Ts} is before since {change.SinceMs}"
        : null;

    public static string? ReasonProblem(string? reasonCode) =>
        UnsName.Problem(reasonCode) is { } problem ? $"reason code: {problem}" : null;
}

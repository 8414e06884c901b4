namespace UnsMes.Wip.Domain;

/// <summary>One append-only fact of the genealogy.</summary>
internal abstract record GenealogyRecord(string Serial);

internal sealed record UnitStarted(string Serial, string WorkOrderId, string ProductId, string Line, long Ts) : GenealogyRecord(Serial);

internal sealed record UnitOperation(
    string Serial, string Operation, string WorkCenter, string Cell, long EnteredMs, long EndMs, bool Good, string? ScrapReason, string? Operators)
    : GenealogyRecord(Serial);

internal sealed record UnitMaterial(string Serial, string MaterialId, string? LotId, double Quantity, string Unit, string Operation, long Ts) : GenealogyRecord(Serial);

internal sealed record UnitFinished(string Serial, bool Good, long Ts) : GenealogyRecord(Serial);

/// <summary>
/// What the tracker produced since it was last asked: genealogy to store, figures to republish. (Messages to send wait
/// in the state's outbox.)
/// </summary>
internal sealed class WipOutputs
{
    public List<GenealogyRecord> Genealogy { get; } = [];
    public HashSet<string> TouchedLines { get; } = new(StringComparer.Ordinal);
    public HashSet<string> TouchedOrders { get; } = new(StringComparer.Ordinal);
}

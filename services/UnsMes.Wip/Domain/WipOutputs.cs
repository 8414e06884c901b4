using UnsMes.Uns.Payloads;
using UnsMes.Uns.Topics;

namespace UnsMes.Wip.Domain;

/// <summary>A message the tracker wants sent (an event or a write-back record; retained figures are built on demand).</summary>
internal sealed record WipPublication(UnsTopic Topic, IUnsPayload Payload);

/// <summary>One append-only fact of the genealogy.</summary>
internal abstract record GenealogyRecord(string Serial);

internal sealed record UnitStarted(string Serial, string WorkOrderId, string ProductId, string Line, long Ts) : GenealogyRecord(Serial);

internal sealed record UnitOperation(
    string Serial, string Operation, string WorkCenter, string Cell, long EnteredMs, long EndMs, bool Good, string? ScrapReason, string? Operators)
    : GenealogyRecord(Serial);

internal sealed record UnitMaterial(string Serial, string MaterialId, string? LotId, double Quantity, string Unit, string Operation, long Ts) : GenealogyRecord(Serial);

internal sealed record UnitFinished(string Serial, bool Good, long Ts) : GenealogyRecord(Serial);

/// <summary>What the tracker produced since it was last asked: messages to send, genealogy to store, figures to republish.</summary>
internal sealed class WipOutputs
{
    public List<WipPublication> Publications { get; } = [];
    public List<GenealogyRecord> Genealogy { get; } = [];
    public HashSet<string> TouchedLines { get; } = new(StringComparer.Ordinal);
    public HashSet<string> TouchedOrders { get; } = new(StringComparer.Ordinal);
}

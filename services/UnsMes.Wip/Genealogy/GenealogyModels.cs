namespace UnsMes.Wip.Genealogy;

/// <summary>Everything known about one serial: where it was made, each operation it passed, what went into it.</summary>
internal sealed record SerialGenealogy(
    string Serial,
    string WorkOrderId,
    string ProductId,
    string Line,
    long StartedTs,
    long? FinishedTs,
    string Result,
    IReadOnlyList<OperationPass> Operations,
    IReadOnlyList<MaterialUse> Materials);

internal sealed record OperationPass(string Operation, string WorkCenter, string Machine, long EnteredTs, long EndTs, string Result, string? ScrapReason, IReadOnlyList<string> Operators);

internal sealed record MaterialUse(string MaterialId, string? LotId, double Quantity, string Unit, string Operation, long Ts);

/// <summary>A serial that contains material from a lot.</summary>
internal sealed record LotUse(string Serial, string WorkOrderId, string MaterialId, double Quantity, string Unit, string Operation, long Ts);

using System.Collections.Frozen;

namespace UnsMes.Uns.Topics;

/// <summary>The single table of topic families; <c>uns-topics.md</c> documents the same table for people.</summary>
public static class ContractCatalog
{
    private static readonly IsaLevel[] CellOnly = [IsaLevel.Cell];
    private static readonly IsaLevel[] LineOnly = [IsaLevel.Line];
    private static readonly IsaLevel[] SiteOnly = [IsaLevel.Site];
    private static readonly IsaLevel[] RootOnly = [IsaLevel.Root];
    private static readonly IsaLevel[] LineOrCell = [IsaLevel.Line, IsaLevel.Cell];
    private static readonly IsaLevel[] AnyEquipment = [IsaLevel.Enterprise, IsaLevel.Site, IsaLevel.Area, IsaLevel.Line, IsaLevel.Cell];
    private static readonly IsaLevel[] OeeScopes = [IsaLevel.Site, IsaLevel.Area, IsaLevel.Line, IsaLevel.Cell];

    public static IReadOnlyList<ContractSpec> All { get; } =
    [
        new(UnsContract.State, "_state", CellOnly, [], true, UnsQos.AtLeastOnce, "current machine state"),
        new(UnsContract.Count, "_count", LineOrCell, [], true, UnsQos.AtLeastOnce, "cumulative good/scrap counters"),
        new(UnsContract.Tag, "_tag", LineOrCell, ["tag"], true, UnsQos.AtLeastOnce, "one process value"),
        new(UnsContract.Event, "_event", AnyEquipment, ["type"], false, UnsQos.AtLeastOnce, "something that happened"),
        new(UnsContract.Command, "_cmd", AnyEquipment, ["command"], false, UnsQos.AtLeastOnce, "a request to act"),
        new(UnsContract.Downtime, "_downtime", CellOnly, [], false, UnsQos.AtLeastOnce, "downtime episode opened/closed"),
        new(UnsContract.Oee, "_oee", OeeScopes, ["window"], true, UnsQos.AtLeastOnce, "OEE and losses for a window"),
        new(UnsContract.WorkOrder, "_workorder", SiteOnly, ["workOrderId"], true, UnsQos.AtLeastOnce, "work order from the ERP"),
        new(UnsContract.Dispatch, "_dispatch", LineOnly, [], true, UnsQos.AtLeastOnce, "what the line should run"),
        new(UnsContract.Progress, "_progress", LineOnly, ["workOrderId"], true, UnsQos.AtLeastOnce, "work-order progress"),
        new(UnsContract.Wip, "_wip", LineOnly, [], true, UnsQos.AtLeastOnce, "units at each operation"),
        new(UnsContract.OperationCompletion, "_opcompletion", LineOnly, ["workOrderId"], false, UnsQos.AtLeastOnce, "operation completed"),
        new(UnsContract.Consumption, "_consumption", LineOnly, ["workOrderId"], false, UnsQos.AtLeastOnce, "material consumed"),
        new(UnsContract.Labor, "_labor", LineOnly, ["workOrderId"], false, UnsQos.AtLeastOnce, "operator time booked"),
        new(UnsContract.Completion, "_completion", SiteOnly, ["workOrderId"], false, UnsQos.AtLeastOnce, "final job response"),
        new(UnsContract.Master, "_master", SiteOnly, ["kind", "id"], true, UnsQos.AtLeastOnce, "master data from the ERP"),
        new(UnsContract.Status, "_status", RootOnly, ["service"], true, UnsQos.AtLeastOnce, "service health"),
        new(UnsContract.DeadLetter, "_deadletter", RootOnly, ["source"], false, UnsQos.AtLeastOnce, "rejected message and why"),
    ];

    private static readonly FrozenDictionary<UnsContract, ContractSpec> ByContract = All.ToFrozenDictionary(s => s.Contract);

    private static readonly FrozenDictionary<string, ContractSpec> BySegment =
        All.ToFrozenDictionary(s => s.Segment, StringComparer.Ordinal);

    public static ContractSpec Get(UnsContract contract) => ByContract[contract];

    public static bool TryGet(string segment, out ContractSpec spec) => BySegment.TryGetValue(segment, out spec!);

    public static string KnownSegments { get; } = string.Join(", ", All.Select(s => s.Segment));
}

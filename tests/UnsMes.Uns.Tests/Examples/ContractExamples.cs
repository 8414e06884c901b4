using UnsMes.Uns.Topics;

namespace UnsMes.Uns.Tests.Examples;

/// <summary>
/// One valid, hand-written message per topic family. uns-topics.md shows the same topic and JSON (checked by
/// <c>UnsTopicsDocumentTests</c>); the validator tests start from these and break one thing at a time.
/// </summary>
public static partial class ContractExamples
{
    public const string Cell = "uns/v1/acme/dayton/stamping/line3/press07";
    public const string Line = "uns/v1/acme/dayton/stamping/line3";
    public const string Site = "uns/v1/acme/dayton";

    public static IReadOnlyList<ContractExample> All { get; } =
    [
        new(UnsContract.State, StateTopic, State),
        new(UnsContract.Count, CountTopic, Count),
        new(UnsContract.Tag, TagTopic, Tag),
        new(UnsContract.Event, EventTopic, Event),
        new(UnsContract.Command, CommandTopic, Command),
        new(UnsContract.Downtime, DowntimeTopic, Downtime),
        new(UnsContract.Oee, OeeTopic, Oee),
        new(UnsContract.WorkOrder, WorkOrderTopic, WorkOrder),
        new(UnsContract.Dispatch, DispatchTopic, Dispatch),
        new(UnsContract.Progress, ProgressTopic, Progress),
        new(UnsContract.Wip, WipTopic, Wip),
        new(UnsContract.OperationCompletion, OperationCompletionTopic, OperationCompletion),
        new(UnsContract.Consumption, ConsumptionTopic, Consumption),
        new(UnsContract.Labor, LaborTopic, Labor),
        new(UnsContract.Completion, CompletionTopic, Completion),
        new(UnsContract.Master, MasterTopic, Master),
        new(UnsContract.Status, StatusTopic, Status),
        new(UnsContract.DeadLetter, DeadLetterTopic, DeadLetter),
    ];

    public static ContractExample Of(UnsContract contract) => All.Single(e => e.Contract == contract);
}

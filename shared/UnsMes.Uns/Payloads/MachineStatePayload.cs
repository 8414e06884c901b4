using System.Text.Json.Serialization;
using UnsMes.Uns.Topics;

namespace UnsMes.Uns.Payloads;

/// <summary><c>_state</c>: what a machine is doing now and since when (retained).</summary>
public sealed record MachineStatePayload : IUnsPayload
{
    /// <summary>Reason code of a stop nobody has classified yet.</summary>
    public const string Unclassified = "unclassified";

    public required int V { get; init; }
    public required long Ts { get; init; }
    public required MachineState State { get; init; }
    /// <summary>Epoch ms when the machine entered this state.</summary>
    public required long Since { get; init; }
    /// <summary>Why: required for down, setup and planned stops (e.g. "jam", "tool_change", "break").</summary>
    public string? ReasonCode { get; init; }
    public string? ReasonText { get; init; }
    public string? WorkOrderId { get; init; }
    public string? ProductId { get; init; }
    /// <summary>True when the value was buffered at the edge and is being replayed late.</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingDefault)]
    public bool Historical { get; init; }

    public void AddProblems(UnsTopic topic, ProblemList problems)
    {
        problems.Timestamp("since", Since);
        OptionalNames.Check(problems, WorkOrderId, ProductId);
        problems.NotBefore("ts", Ts, "since", Since);
        if (State is MachineState.Down or MachineState.Setup or MachineState.PlannedStop)
        {
            problems.Name("reasonCode", ReasonCode, suffix: $" (required when the state is a stop; use '{Unclassified}' when unknown)");
        }
        else if (ReasonCode is not null)
        {
            problems.Name("reasonCode", ReasonCode);
        }
    }
}

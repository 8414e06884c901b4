using System.Text.Json.Serialization;
using UnsMes.Uns.Topics;

namespace UnsMes.Uns.Payloads;

/// <summary>
/// <c>_downtime</c>: a downtime episode of a machine (not retained), published when it opens and again when it
/// closes or is classified. The episode id ties the messages of one stop together.
/// </summary>
public sealed record DowntimePayload : IUnsPayload
{
    public required int V { get; init; }
    public required long Ts { get; init; }
    public required string EpisodeId { get; init; }
    public required MachineState State { get; init; }
    public required long Start { get; init; }
    /// <summary>Absent while the machine is still stopped.</summary>
    public long? End { get; init; }
    public required string ReasonCode { get; init; }
    public string? ReasonText { get; init; }
    /// <summary>False until an operator (or the machine) gave the reason.</summary>
    public required bool Classified { get; init; }
    /// <summary>Planned stops are outside planned busy time and cost no availability.</summary>
    public required bool Planned { get; init; }
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingDefault)]
    public bool Historical { get; init; }

    public double? DurationSeconds => End is { } end ? (end - Start) / 1000.0 : null;

    public void AddProblems(UnsTopic topic, ProblemList problems)
    {
        problems.Name("episodeId", EpisodeId);
        problems.Name("reasonCode", ReasonCode);
        problems.Timestamp("start", Start);
        problems.NotBefore("end", End, "start", Start);
        if (State is MachineState.Running)
        {
            problems.Add("$.state: a downtime episode cannot be in the running state");
        }
    }
}

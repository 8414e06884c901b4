using UnsMes.Uns.Topics;

namespace UnsMes.Uns.Payloads;

/// <summary><c>_wip</c>: units at each operation of a line, in routing order (retained).</summary>
public sealed record WipPayload : IUnsPayload
{
    public required int V { get; init; }
    public required long Ts { get; init; }
    public required IReadOnlyList<OperationWip> Operations { get; init; }

    public void AddProblems(UnsTopic topic, ProblemList problems)
    {
        for (var i = 0; i < Operations.Count; i++)
        {
            var op = Operations[i];
            problems.Name($"operations[{i}].operation", op.Operation);
            problems.NonNegative($"operations[{i}].waiting", op.Waiting);
            problems.NonNegative($"operations[{i}].inProcess", op.InProcess);
            problems.NonNegative($"operations[{i}].done", op.Done);
            problems.NonNegative($"operations[{i}].oldestDwellS", op.OldestDwellS);
            problems.NonNegative($"operations[{i}].averageDwellS", op.AverageDwellS);
        }
    }
}

// Optional fields come last with defaults: the serializer leaves out nulls, and a parameter without a default
// would be required when the payload is read back.
public sealed record OperationWip(
    string Operation,
    long Waiting,
    long InProcess,
    long Done,
    double OldestDwellS,
    double AverageDwellS,
    string? WorkCenter = null);

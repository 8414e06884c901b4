using UnsMes.Uns.Topics;

namespace UnsMes.Uns.Payloads;

/// <summary><c>_dispatch</c>: the work orders a line should run, first one first (retained).</summary>
public sealed record DispatchPayload : IUnsPayload
{
    public required int V { get; init; }
    public required long Ts { get; init; }
    public required IReadOnlyList<DispatchedOrder> Queue { get; init; }

    public void AddProblems(UnsTopic topic, ProblemList problems)
    {
        for (var i = 0; i < Queue.Count; i++)
        {
            problems.Name($"queue[{i}].workOrderId", Queue[i].WorkOrderId);
            problems.Name($"queue[{i}].productId", Queue[i].ProductId);
            problems.Positive($"queue[{i}].quantity", Queue[i].Quantity);
            problems.NotBlank($"queue[{i}].unit", Queue[i].Unit);
            problems.Positive($"queue[{i}].idealCycleTimeS", Queue[i].IdealCycleTimeS);
        }
    }
}

public sealed record DispatchedOrder(string WorkOrderId, string ProductId, double Quantity, string Unit, double IdealCycleTimeS);

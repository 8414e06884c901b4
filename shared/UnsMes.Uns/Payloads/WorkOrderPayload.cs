using UnsMes.Uns.Topics;

namespace UnsMes.Uns.Payloads;

/// <summary>
/// <c>_workorder/{id}</c>: a work order as released by the ERP (an ISA-95 job order), retained until closed.
/// The ERP bridge publishes it; the WIP tracker dispatches it; the edge and OEE use its ideal cycle times.
/// </summary>
public sealed record WorkOrderPayload : IUnsPayload
{
    public required int V { get; init; }
    public required long Ts { get; init; }
    public required string WorkOrderId { get; init; }
    public required string ProductId { get; init; }
    public string? ProductName { get; init; }
    public required double Quantity { get; init; }
    public required string Unit { get; init; }
    public required WorkOrderStatus Status { get; init; }
    public long? DueTs { get; init; }
    /// <summary>Lower runs first.</summary>
    public int Priority { get; init; }
    /// <summary>The line it is planned on, when the ERP knows (the ISA-95 path of the line).</summary>
    public string? Line { get; init; }
    public required IReadOnlyList<BomLine> Bom { get; init; }
    public required IReadOnlyList<RoutingOperation> Routing { get; init; }
    /// <summary>Changes with every revision of quantity, BOM or routing, so consumers can tell a change from a repeat.</summary>
    public int Revision { get; init; }

    public void AddProblems(UnsTopic topic, ProblemList problems)
    {
        problems.SameAsTopic("workOrderId", WorkOrderId, topic.Name);
        problems.Name("productId", ProductId);
        problems.Positive("quantity", Quantity);
        problems.NotBlank("unit", Unit);
        problems.Timestamp("dueTs", DueTs);
        if (Routing.Count == 0)
        {
            problems.Add("$.routing: a work order needs at least one operation");
        }

        for (var i = 0; i < Bom.Count; i++)
        {
            problems.Name($"bom[{i}].materialId", Bom[i].MaterialId);
            problems.Positive($"bom[{i}].quantityPerUnit", Bom[i].QuantityPerUnit);
            problems.NotBlank($"bom[{i}].unit", Bom[i].Unit);
        }

        var seen = new HashSet<string>(StringComparer.Ordinal);
        for (var i = 0; i < Routing.Count; i++)
        {
            var op = Routing[i];
            problems.Name($"routing[{i}].operation", op.Operation);
            if (!seen.Add(op.Operation))
            {
                problems.Add($"$.routing[{i}].operation: '{op.Operation}' appears twice");
            }

            problems.Name($"routing[{i}].workCenter", op.WorkCenter);
            problems.Positive($"routing[{i}].idealCycleTimeS", op.IdealCycleTimeS);
        }
    }
}

/// <summary>One material of the bill of materials: how much goes into one unit of the product.</summary>
public sealed record BomLine(string MaterialId, double QuantityPerUnit, string Unit);

/// <summary>One operation of the routing, on a work center, with its ideal cycle time per unit.</summary>
public sealed record RoutingOperation(string Operation, string Name, string WorkCenter, double IdealCycleTimeS);

using UnsMes.Uns.Payloads;

namespace UnsMes.Wip.Domain;

/// <summary>A work order in execution: the ERP's order, where it runs, what it has made, consumed and cost in labor.</summary>
internal sealed class OrderState
{
    public required WorkOrderPayload Order { get; set; }

    /// <summary>The ISA-95 path of the line it runs on; null while no line is known for it.</summary>
    public string? Line { get; set; }

    public WorkOrderStatus Status { get; set; } = WorkOrderStatus.Released;

    /// <summary>When the order entered each status (status wire name → epoch ms).</summary>
    public Dictionary<string, long> StatusTimes { get; set; } = [];

    public long ReceivedMs { get; set; }
    public long Started { get; set; }
    public long Good { get; set; }
    public long Scrap { get; set; }
    public Dictionary<string, long> ScrapByReason { get; set; } = [];
    public long? FirstActivityMs { get; set; }
    public long? LastActivityMs { get; set; }

    /// <summary>Good units beyond the ordered quantity: recorded and flagged, never dropped.</summary>
    public long OverProduced { get; set; }

    /// <summary>Per operation of the routing (by operation name).</summary>
    public Dictionary<string, OperationTally> Operations { get; set; } = [];

    /// <summary>Material consumed, per material and lot ("material|lot").</summary>
    public Dictionary<string, MaterialTally> Materials { get; set; } = [];

    /// <summary>Labor hours, per employee and operation ("employee|operation").</summary>
    public Dictionary<string, double> LaborHours { get; set; } = [];

    public RateWindow Recent { get; set; } = new();

    public double Remaining => Math.Max(0, Order.Quantity - Good);

    public bool IsOpen => Status is WorkOrderStatus.Released or WorkOrderStatus.Dispatched or WorkOrderStatus.Running or WorkOrderStatus.Paused;

    public void MoveTo(WorkOrderStatus status, long ts)
    {
        Status = status;
        StatusTimes[WireNames.Of(status)] = ts;
    }

    /// <summary>Labor hours as ISA-95 personnel actuals, one per employee and operation.</summary>
    public List<PersonnelActual> PersonnelActuals() =>
    [
        .. LaborHours.Select(l =>
        {
            var parts = l.Key.Split('|');
            return new PersonnelActual(parts[0], parts[1], Math.Round(l.Value, 4));
        }),
    ];

    public OperationTally Operation(string operation) =>
        Operations.TryGetValue(operation, out var tally) ? tally : Operations[operation] = new OperationTally();

    /// <summary>The index of the routing step done at a work center, or -1.</summary>
    public int StepAt(string workCenter)
    {
        for (var i = 0; i < Order.Routing.Count; i++)
        {
            if (Order.Routing[i].WorkCenter == workCenter)
            {
                return i;
            }
        }

        return -1;
    }
}

/// <summary>What one operation of a work order has processed.</summary>
internal sealed class OperationTally
{
    public long Good { get; set; }
    public long Scrap { get; set; }
    public Dictionary<string, long> ScrapByReason { get; set; } = [];
    public double DwellSumS { get; set; }
    public long DwellCount { get; set; }
}

/// <summary>Material of one lot consumed by a work order.</summary>
internal sealed class MaterialTally
{
    public required string MaterialId { get; set; }
    public string? LotId { get; set; }
    public required string Unit { get; set; }
    public double Quantity { get; set; }

    /// <summary>True when a machine measured it; false when it was booked from the BOM.</summary>
    public bool Measured { get; set; }
}

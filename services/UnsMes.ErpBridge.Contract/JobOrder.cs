namespace UnsMes.ErpBridge.Contract;

/// <summary>
/// A job order (B2MML JobOrder): what to make, how much, from what (material requirements, the BOM per unit) and
/// how (segment requirements, the routing). Fields are nullable on the wire: the bridge checks each order and
/// refuses a malformed one with a reason instead of refusing the whole page.
/// </summary>
public sealed record JobOrder
{
    public string? Id { get; init; }

    /// <summary>Raised by the ERP when quantity, BOM or routing change after release (the bridge also detects changes itself).</summary>
    public int Revision { get; init; }

    /// <summary>One of <see cref="DispatchStatus"/>.</summary>
    public string? Status { get; init; }

    public string? ProductId { get; init; }

    public string? ProductName { get; init; }

    public double Quantity { get; init; }

    public string? Unit { get; init; }

    public DateTimeOffset? Due { get; init; }

    /// <summary>Lower runs first.</summary>
    public int Priority { get; init; }

    /// <summary>The line it is planned on: an ISA-95 path (<c>acme/dayton/machining/line1</c>) or one relative to the site (<c>machining/line1</c>).</summary>
    public string? Line { get; init; }

    public IReadOnlyList<MaterialRequirement>? MaterialRequirements { get; init; }

    public IReadOnlyList<SegmentRequirement>? SegmentRequirements { get; init; }
}

/// <summary>A BOM line: how much of a material goes into one unit of the product.</summary>
public sealed record MaterialRequirement(string? MaterialId, double QuantityPerUnit, string? Unit);

/// <summary>A routing operation on a work center, with its ideal cycle time per unit.</summary>
public sealed record SegmentRequirement(string? Operation, string? Name, string? WorkCenter, double IdealCycleTimeS);

/// <summary>One page of a cursor-based feed. Ask again with <see cref="NextCursor"/> while <see cref="More"/> is true.</summary>
public sealed record ErpPage<T>(IReadOnlyList<T> Items, string? NextCursor, bool More);

/// <summary>A master-data record: kind is one of product, material, workcenter, operation, employee.</summary>
public sealed record MasterRecord(string? Kind, string? Id, string? Name, IReadOnlyDictionary<string, string>? Attributes = null);

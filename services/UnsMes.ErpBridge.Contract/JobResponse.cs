namespace UnsMes.ErpBridge.Contract;

/// <summary>
/// A job response (B2MML JobResponse): what happened on a job order. Material actuals say what was produced,
/// consumed and scrapped (with a reason); personnel actuals say who worked how long on which operation.
/// <see cref="Kind"/> <c>completion</c> is the final response: its actuals are the order's totals, they supersede
/// what the running responses booked, and the ERP closes the order.
/// </summary>
public sealed record JobResponse
{
    /// <summary>The record's message id; also sent as the <c>Idempotency-Key</c> header.</summary>
    public required string Id { get; init; }

    public required string JobOrderId { get; init; }

    /// <summary>One of <see cref="JobResponseKind"/>.</summary>
    public required string Kind { get; init; }

    /// <summary>The operation (segment) reported on, for operation, consumption and labor responses.</summary>
    public string? Operation { get; init; }

    /// <summary>The ISA-95 path of the line it happened on (for completions, the site).</summary>
    public string? Equipment { get; init; }

    public DateTimeOffset? Start { get; init; }

    public DateTimeOffset? End { get; init; }

    /// <summary>True when this response finishes its operation (or, for a completion, the order).</summary>
    public bool Final { get; init; }

    public IReadOnlyList<MaterialActual> MaterialActuals { get; init; } = [];

    public IReadOnlyList<PersonnelActual> PersonnelActuals { get; init; } = [];
}

/// <summary>Material produced, consumed or scrapped. Without a material id it is the order's product.</summary>
public sealed record MaterialActual(string Use, double Quantity, string Unit, string? MaterialId = null, string? LotId = null, string? Reason = null);

/// <summary>Labor: an employee's hours on an operation.</summary>
public sealed record PersonnelActual(string EmployeeId, double Hours, string? Operation = null, DateTimeOffset? Start = null, DateTimeOffset? End = null);

/// <summary>The ERP's answer to a booked job response; a repeated idempotency key gets the first answer again.</summary>
public sealed record JobResponseReceipt(string Id, string JobOrderId, string BookingId, string JobOrderStatus);

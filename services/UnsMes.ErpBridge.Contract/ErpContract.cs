namespace UnsMes.ErpBridge.Contract;

/// <summary>The paths and headers of the contract, relative to the ERP's base address (e.g. <c>http://erp/erp</c>).</summary>
public static class ErpContract
{
    public const string Version = "v1";

    /// <summary>The OpenAPI document name of the contract.</summary>
    public const string DocumentName = "erp-v1";

    /// <summary><c>GET</c>: released job orders changed after a cursor. Query: <c>cursor</c>, <c>limit</c>.</summary>
    public const string JobOrders = Version + "/job-orders";

    /// <summary><c>GET</c>: master-data records changed after a cursor. Query: <c>cursor</c>, <c>limit</c>.</summary>
    public const string MasterData = Version + "/master-data";

    /// <summary><c>POST</c>: one job response (a write-back record), with an <see cref="IdempotencyKeyHeader"/>.</summary>
    public const string JobResponses = Version + "/job-responses";

    /// <summary>The record's message id. An ERP that saw the key before answers with the first result and books nothing.</summary>
    public const string IdempotencyKeyHeader = "Idempotency-Key";

    /// <summary>Set (to <c>true</c>) on the answer to a repeated key.</summary>
    public const string ReplayedHeader = "Idempotent-Replayed";

    public const int DefaultPageSize = 100;
}

/// <summary>Where a job order stands in the ERP (ISA-95 dispatch status, as the ERP's planner sees it).</summary>
public static class DispatchStatus
{
    public const string Released = "released";
    public const string Running = "running";
    public const string Done = "done";
    public const string Cancelled = "cancelled";

    public static readonly IReadOnlyList<string> All = [Released, Running, Done, Cancelled];
}

/// <summary>What a job response reports (one of the four write-back families of the namespace).</summary>
public static class JobResponseKind
{
    public const string Operation = "operation";
    public const string Consumption = "consumption";
    public const string Labor = "labor";
    public const string Completion = "completion";

    public static readonly IReadOnlyList<string> All = [Operation, Consumption, Labor, Completion];
}

/// <summary>How a material actual was used (B2MML MaterialUse).</summary>
public static class MaterialUse
{
    public const string Produced = "produced";
    public const string Consumed = "consumed";
    public const string Scrapped = "scrapped";
}

/// <summary>The <c>code</c> of a problem answer: why the ERP refused a record for good.</summary>
public static class RejectionCode
{
    public const string UnknownJobOrder = "unknown_job_order";
    public const string ClosedJobOrder = "closed_job_order";
    public const string UnknownProduct = "unknown_product";
    public const string UnknownMaterial = "unknown_material";
    public const string UnknownEmployee = "unknown_employee";
    public const string Invalid = "invalid";
}

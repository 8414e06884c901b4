using UnsMes.Uns.Topics;

namespace UnsMes.Uns.Payloads;

// The families the ERP bridge writes back. Each carries a message id: the idempotency key that lets the bridge
// deliver a record again after a timeout without booking it twice.

/// <summary><c>_opcompletion/{id}</c>: an operation of a work order reported (part-)complete (not retained).</summary>
public sealed record OperationCompletionPayload : IUnsPayload
{
    public required int V { get; init; }
    public required long Ts { get; init; }
    public required string MessageId { get; init; }
    public required string WorkOrderId { get; init; }
    public required string Operation { get; init; }
    public required double Good { get; init; }
    public required double Scrap { get; init; }
    public required string Unit { get; init; }
    public IReadOnlyDictionary<string, double>? ScrapByReason { get; init; }
    /// <summary>True when this report finishes the operation.</summary>
    public bool Final { get; init; }

    public void AddProblems(UnsTopic topic, ProblemList problems)
    {
        WriteBackRules.Common(problems, MessageId, WorkOrderId, topic);
        problems.Name("operation", Operation).NonNegative("good", Good).NonNegative("scrap", Scrap).NotBlank("unit", Unit);
        WriteBackRules.ScrapReasons(problems, ScrapByReason, Scrap);
    }
}

/// <summary><c>_consumption/{id}</c>: material measured as consumed by a work order (not retained).</summary>
public sealed record ConsumptionPayload : IUnsPayload
{
    public required int V { get; init; }
    public required long Ts { get; init; }
    public required string MessageId { get; init; }
    public required string WorkOrderId { get; init; }
    public required string MaterialId { get; init; }
    public string? LotId { get; init; }
    public required double Quantity { get; init; }
    public required string Unit { get; init; }
    public string? Operation { get; init; }

    public void AddProblems(UnsTopic topic, ProblemList problems)
    {
        WriteBackRules.Common(problems, MessageId, WorkOrderId, topic);
        problems.Name("materialId", MaterialId).NonNegative("quantity", Quantity).NotBlank("unit", Unit);
        if (LotId is not null)
        {
            problems.Name("lotId", LotId);
        }
    }
}

/// <summary><c>_labor/{id}</c>: an operator's time on an operation of a work order (not retained).</summary>
public sealed record LaborPayload : IUnsPayload
{
    public required int V { get; init; }
    public required long Ts { get; init; }
    public required string MessageId { get; init; }
    public required string WorkOrderId { get; init; }
    public required string Operation { get; init; }
    public required string EmployeeId { get; init; }
    public required long Start { get; init; }
    public required long End { get; init; }

    public double Hours => (End - Start) / 3_600_000.0;

    public void AddProblems(UnsTopic topic, ProblemList problems)
    {
        WriteBackRules.Common(problems, MessageId, WorkOrderId, topic);
        problems.Name("operation", Operation).Name("employeeId", EmployeeId).Timestamp("start", Start).NotBefore("end", End, "start", Start);
    }
}

/// <summary>
/// <c>_completion/{id}</c>: the final job response of a work order (not retained): what was made, scrapped,
/// consumed and the labor spent, as ISA-95 material and personnel actuals.
/// </summary>
public sealed record CompletionPayload : IUnsPayload
{
    public required int V { get; init; }
    public required long Ts { get; init; }
    public required string MessageId { get; init; }
    public required string WorkOrderId { get; init; }
    public required string ProductId { get; init; }
    public required double Good { get; init; }
    public required double Scrap { get; init; }
    public required string Unit { get; init; }
    public IReadOnlyDictionary<string, double>? ScrapByReason { get; init; }
    public required long Start { get; init; }
    public required long End { get; init; }
    public required IReadOnlyList<MaterialActual> MaterialActuals { get; init; }
    public required IReadOnlyList<PersonnelActual> PersonnelActuals { get; init; }

    public void AddProblems(UnsTopic topic, ProblemList problems)
    {
        WriteBackRules.Common(problems, MessageId, WorkOrderId, topic);
        problems.Name("productId", ProductId);
        problems.NonNegative("good", Good);
        problems.NonNegative("scrap", Scrap);
        problems.NotBlank("unit", Unit);
        WriteBackRules.ScrapReasons(problems, ScrapByReason, Scrap);
        problems.Timestamp("start", Start);
        problems.NotBefore("end", End, "start", Start);
        for (var i = 0; i < MaterialActuals.Count; i++)
        {
            problems.Name($"materialActuals[{i}].materialId", MaterialActuals[i].MaterialId);
            problems.NonNegative($"materialActuals[{i}].quantity", MaterialActuals[i].Quantity);
            problems.NotBlank($"materialActuals[{i}].unit", MaterialActuals[i].Unit);
        }

        for (var i = 0; i < PersonnelActuals.Count; i++)
        {
            problems.Name($"personnelActuals[{i}].employeeId", PersonnelActuals[i].EmployeeId);
            problems.NonNegative($"personnelActuals[{i}].hours", PersonnelActuals[i].Hours);
            problems.Name($"personnelActuals[{i}].operation", PersonnelActuals[i].Operation);
        }
    }
}

/// <summary>Material consumed, against what the BOM said it should take.</summary>
/// <remarks>Optional fields come last with defaults, so a payload without them reads back (nulls are not written).</remarks>
public sealed record MaterialActual(string MaterialId, double Quantity, string Unit, string? LotId = null, double? BomQuantity = null);

public sealed record PersonnelActual(string EmployeeId, string Operation, double Hours);

internal static class WriteBackRules
{
    public static void Common(ProblemList problems, string messageId, string workOrderId, UnsTopic topic) =>
        problems.Name("messageId", messageId).SameAsTopic("workOrderId", workOrderId, topic.Name);

    public static void ScrapReasons(ProblemList problems, IReadOnlyDictionary<string, double>? byReason, double scrap)
    {
        if (byReason is not { Count: > 0 })
        {
            return;
        }

        foreach (var (reason, quantity) in byReason)
        {
            problems.Name($"scrapByReason.{reason}", reason);
            problems.NonNegative($"scrapByReason.{reason}", quantity);
        }

        var sum = byReason.Values.Sum();
        if (Math.Abs(sum - scrap) > 1e-9)
        {
            problems.Add($"$.scrapByReason: adds up to {sum}, but $.scrap is {scrap}");
        }
    }
}

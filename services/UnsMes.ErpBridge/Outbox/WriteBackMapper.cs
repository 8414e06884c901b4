using System.Text;
using UnsMes.ErpBridge.Contract;
using UnsMes.Uns.Payloads;
using UnsMes.Uns.Topics;
using ErpMaterial = UnsMes.ErpBridge.Contract.MaterialActual;
using ErpPersonnel = UnsMes.ErpBridge.Contract.PersonnelActual;

namespace UnsMes.ErpBridge.Outbox;

/// <summary>Turns a write-back message of the namespace into the job response the ERP books (B2MML shapes).</summary>
public static class WriteBackMapper
{
    public static readonly IReadOnlyList<UnsContract> Families =
        [UnsContract.OperationCompletion, UnsContract.Consumption, UnsContract.Labor, UnsContract.Completion];

    /// <summary>The message id (idempotency key) of a write-back payload.</summary>
    public static string MessageId(IUnsPayload payload) => payload switch
    {
        OperationCompletionPayload p => p.MessageId,
        ConsumptionPayload p => p.MessageId,
        LaborPayload p => p.MessageId,
        CompletionPayload p => p.MessageId,
        _ => throw new ArgumentException($"{payload.GetType().Name} is not a write-back payload", nameof(payload)),
    };

    public static JobResponse ToJobResponse(string topic, string json)
    {
        var parsed = UnsTopic.Parse(topic);
        var bytes = Encoding.UTF8.GetBytes(json);
        var equipment = parsed.Path.ToString();
        return parsed.Contract switch
        {
            UnsContract.OperationCompletion => From(UnsJson.Deserialize<OperationCompletionPayload>(bytes), equipment),
            UnsContract.Consumption => From(UnsJson.Deserialize<ConsumptionPayload>(bytes), equipment),
            UnsContract.Labor => From(UnsJson.Deserialize<LaborPayload>(bytes), equipment),
            UnsContract.Completion => From(UnsJson.Deserialize<CompletionPayload>(bytes), equipment),
            _ => throw new ArgumentException($"{parsed.Spec.Segment} is not a write-back family", nameof(topic)),
        };
    }

    private static JobResponse From(OperationCompletionPayload p, string equipment) => new()
    {
        Id = p.MessageId,
        JobOrderId = p.WorkOrderId,
        Kind = JobResponseKind.Operation,
        Operation = p.Operation,
        Equipment = equipment,
        End = UnsTime.ToDateTime(p.Ts),
        Final = p.Final,
        MaterialActuals = [new ErpMaterial(MaterialUse.Produced, p.Good, p.Unit), .. Scrap(p.Scrap, p.ScrapByReason, p.Unit)],
    };

    private static JobResponse From(ConsumptionPayload p, string equipment) => new()
    {
        Id = p.MessageId,
        JobOrderId = p.WorkOrderId,
        Kind = JobResponseKind.Consumption,
        Operation = p.Operation,
        Equipment = equipment,
        End = UnsTime.ToDateTime(p.Ts),
        MaterialActuals = [new ErpMaterial(MaterialUse.Consumed, p.Quantity, p.Unit, p.MaterialId, p.LotId)],
    };

    private static JobResponse From(LaborPayload p, string equipment) => new()
    {
        Id = p.MessageId,
        JobOrderId = p.WorkOrderId,
        Kind = JobResponseKind.Labor,
        Operation = p.Operation,
        Equipment = equipment,
        Start = UnsTime.ToDateTime(p.Start),
        End = UnsTime.ToDateTime(p.End),
        PersonnelActuals = [new ErpPersonnel(p.EmployeeId, p.Hours, p.Operation, UnsTime.ToDateTime(p.Start), UnsTime.ToDateTime(p.End))],
    };

    private static JobResponse From(CompletionPayload p, string equipment) => new()
    {
        Id = p.MessageId,
        JobOrderId = p.WorkOrderId,
        Kind = JobResponseKind.Completion,
        Equipment = equipment,
        Start = UnsTime.ToDateTime(p.Start),
        End = UnsTime.ToDateTime(p.End),
        Final = true,
        MaterialActuals =
        [
            new ErpMaterial(MaterialUse.Produced, p.Good, p.Unit, p.ProductId),
            .. Scrap(p.Scrap, p.ScrapByReason, p.Unit, p.ProductId),
            .. p.MaterialActuals.Select(m => new ErpMaterial(MaterialUse.Consumed, m.Quantity, m.Unit, m.MaterialId, m.LotId)),
        ],
        PersonnelActuals = [.. p.PersonnelActuals.Select(a => new ErpPersonnel(a.EmployeeId, a.Hours, a.Operation))],
    };

    /// <summary>Scrap by reason when the floor gave reasons, else one line without a reason.</summary>
    private static IEnumerable<ErpMaterial> Scrap(double scrap, IReadOnlyDictionary<string, double>? byReason, string unit, string? productId = null) =>
        byReason is { Count: > 0 }
            ? byReason.Where(r => r.Value > 0).OrderBy(r => r.Key, StringComparer.Ordinal).Select(r => new ErpMaterial(MaterialUse.Scrapped, r.Value, unit, productId, Reason: r.Key))
            : scrap > 0 ? [new ErpMaterial(MaterialUse.Scrapped, scrap, unit, productId)] : [];
}

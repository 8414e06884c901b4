using UnsMes.Uns.Payloads;
using UnsMes.Wip.Domain;

namespace UnsMes.Wip.Api;

/// <summary>A work order as the API shows it: the order, its progress, per-operation figures, consumption against the BOM, labor.</summary>
internal sealed record WorkOrderView(
    WorkOrderPayload Order,
    string? Line,
    ProgressPayload Progress,
    IReadOnlyDictionary<string, long> StatusTimes,
    long Started,
    long OverProduced,
    IReadOnlyDictionary<string, long> ScrapByReason,
    IReadOnlyList<OperationView> Operations,
    IReadOnlyList<ConsumptionView> Consumption,
    IReadOnlyList<PersonnelActual> Labor)
{
    public static WorkOrderView Of(WipTracker tracker, OrderState order, long now) => new(
        order.Order,
        order.Line,
        tracker.Progress(order, now),
        order.StatusTimes,
        order.Started,
        order.OverProduced,
        order.ScrapByReason,
        [.. order.Order.Routing.Select(r =>
        {
            var tally = order.Operations.GetValueOrDefault(r.Operation) ?? new OperationTally();
            return new OperationView(r.Operation, r.WorkCenter, tally.Good, tally.Scrap,
                tally.DwellCount == 0 ? 0 : Math.Round(tally.DwellSumS / tally.DwellCount, 1), tally.ScrapByReason);
        })],
        [.. ConsumptionVariance.Of(order).Select(v => new ConsumptionView(v.MaterialId, v.Unit, v.BomQuantity, v.ActualQuantity, Math.Round(v.Variance, 6), v.VariancePct, v.Lots))],
        order.PersonnelActuals());
}

internal sealed record OperationView(string Operation, string WorkCenter, long Good, long Scrap, double AverageDwellS, IReadOnlyDictionary<string, long> ScrapByReason);

internal sealed record ConsumptionView(string MaterialId, string Unit, double BomQuantity, double ActualQuantity, double Variance, double? VariancePct, IReadOnlyList<string> Lots);

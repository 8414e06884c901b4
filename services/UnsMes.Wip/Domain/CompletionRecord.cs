using UnsMes.Uns.Payloads;

namespace UnsMes.Wip.Domain;

/// <summary>Builds a work order's final job response: what was made and scrapped, and its material and labor actuals.</summary>
internal static class CompletionRecord
{
    public static CompletionPayload For(OrderState order, long ts)
    {
        var id = order.Order.WorkOrderId;
        return new CompletionPayload
        {
            V = 1,
            Ts = ts,
            MessageId = $"{id}-completion",
            WorkOrderId = id,
            ProductId = order.Order.ProductId,
            Good = order.Good,
            Scrap = order.Scrap,
            Unit = order.Order.Unit,
            ScrapByReason = order.ScrapByReason.Count == 0 ? null : order.ScrapByReason.ToDictionary(r => r.Key, r => (double)r.Value),
            Start = order.FirstActivityMs ?? order.ReceivedMs,
            End = Math.Max(ts, order.FirstActivityMs ?? order.ReceivedMs),
            MaterialActuals = [.. ConsumptionVariance.Of(order).Select(v => new MaterialActual(v.MaterialId, v.ActualQuantity, v.Unit, null, v.BomQuantity))],
            PersonnelActuals = order.PersonnelActuals(),
        };
    }
}

using UnsMes.Uns.Payloads;
using UnsMes.Uns.Topics;
using UnsMes.Wip.Domain;

namespace UnsMes.Wip.Streaming;

/// <summary>A retained figure to publish, with a fingerprint that tells whether it changed since it was last sent.</summary>
internal sealed record WipFigure(UnsTopic Topic, IUnsPayload Payload, string Fingerprint);

/// <summary>Builds the retained figures: each line's dispatch queue and WIP, each order's progress.</summary>
internal static class WipFigures
{
    /// <summary>The figures of these lines and orders (all of them when null).</summary>
    public static List<WipFigure> Build(WipTracker tracker, IReadOnlySet<string>? lines, IReadOnlySet<string>? orders, long nowMs)
    {
        var figures = new List<WipFigure>();
        foreach (var line in tracker.State.Lines.Keys.Where(l => lines is null || lines.Contains(l)))
        {
            var path = IsaPath.Parse(line);
            var queue = tracker.DispatchQueue(line);
            var dispatch = new DispatchPayload
            {
                V = 1,
                Ts = nowMs,
                Queue = [.. queue.Select(o => new DispatchedOrder(o.Order.WorkOrderId, o.Order.ProductId, o.Order.Quantity, o.Order.Unit, o.Order.Routing.Max(r => r.IdealCycleTimeS)))],
            };
            figures.Add(new WipFigure(UnsTopic.Dispatch(path), dispatch, string.Join(',', dispatch.Queue.Select(q => $"{q.WorkOrderId}:{q.Quantity}"))));

            var operations = tracker.LineWip(line, nowMs);
            figures.Add(new WipFigure(UnsTopic.Wip(path), new WipPayload { V = 1, Ts = nowMs, Operations = operations },
                string.Join(',', operations.Select(o => $"{o.Operation}:{o.Waiting}/{o.InProcess}/{o.Done}/{o.OldestDwellS:F0}"))));
        }

        foreach (var order in tracker.State.Orders.Values.Where(o => o.Line is not null && (orders is null ? o.IsOpen : orders.Contains(o.Order.WorkOrderId))))
        {
            var progress = tracker.Progress(order, nowMs);
            figures.Add(new WipFigure(UnsTopic.Progress(IsaPath.Parse(order.Line!), order.Order.WorkOrderId), progress,
                $"{progress.Status}|{progress.Good}|{progress.Scrap}|{progress.RatePerHour:F0}|{progress.EtaTs / 60_000}"));
        }

        return figures;
    }
}

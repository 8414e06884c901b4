using UnsMes.Uns.Payloads;
using UnsMes.Uns.Topics;

namespace UnsMes.Wip.Domain;

// Work orders from the ERP, their line, their place in the line's dispatch queue, and their completion.
internal sealed partial class WipTracker
{
    /// <summary>A work order released, revised, cancelled or closed by the ERP; <paramref name="order"/> null when its retained topic was cleared.</summary>
    public string? OnWorkOrder(string workOrderId, WorkOrderPayload? order, long nowMs)
    {
        State.Orders.TryGetValue(workOrderId, out var known);
        if (order is null)
        {
            if (known is { IsOpen: true } || known?.Status == WorkOrderStatus.Completed)
            {
                known.MoveTo(WorkOrderStatus.Closed, nowMs);
                Touch(known);
            }

            return null;
        }

        Advance(order.Ts);
        if (known is null)
        {
            known = new OrderState { Order = order, ReceivedMs = order.Ts };
            known.MoveTo(WorkOrderStatus.Released, order.Ts);
            State.Orders[workOrderId] = known;
        }
        else if (order.Revision < known.Order.Revision)
        {
            return $"revision {order.Revision} of work order {workOrderId} is older than revision {known.Order.Revision} already in execution; kept the newer";
        }
        else
        {
            known.Order = order;
        }

        switch (order.Status)
        {
            case WorkOrderStatus.Cancelled or WorkOrderStatus.Closed when known.Status != order.Status:
                known.MoveTo(order.Status, order.Ts);
                break;
        }

        known.Line ??= LineFor(order);
        if (known.Line is not null)
        {
            Line(known.Line); // The line's dispatch is published even before any of its machines reports.
        }

        Touch(known);
        return null;
    }

    /// <summary>The operator closes a work order short (or over) of its quantity: it completes with what was made.</summary>
    public string? CloseWorkOrder(string workOrderId, long ts)
    {
        if (!State.Orders.TryGetValue(workOrderId, out var order))
        {
            return $"closeWorkOrder: work order '{workOrderId}' is unknown (no _workorder/{workOrderId} was released)";
        }

        if (!order.IsOpen)
        {
            return $"closeWorkOrder: work order '{workOrderId}' is already {WireNames.Of(order.Status)}";
        }

        Advance(ts);
        Complete(order, ts, "closed by an operator");
        return null;
    }

    /// <summary>Pauses a work order (it leaves the head of its line's queue) or resumes it.</summary>
    public string? Pause(string workOrderId, bool pause, long ts)
    {
        if (!State.Orders.TryGetValue(workOrderId, out var order))
        {
            return $"work order '{workOrderId}' is unknown (no _workorder/{workOrderId} was released)";
        }

        if (!order.IsOpen)
        {
            return $"work order '{workOrderId}' is {WireNames.Of(order.Status)}; only open orders can be paused or resumed";
        }

        Advance(ts);
        order.MoveTo(pause ? WorkOrderStatus.Paused : order.Started > 0 ? WorkOrderStatus.Running : WorkOrderStatus.Dispatched, ts);
        Touch(order);
        return null;
    }

    /// <summary>
    /// The open orders of a line in the order they should run: the running one first, then by priority (lower first),
    /// due date and arrival. Paused orders go last.
    /// </summary>
    public List<OrderState> DispatchQueue(string line) =>
        [.. State.Orders.Values
            .Where(o => o.Line == line && o.IsOpen)
            .OrderBy(o => o.Status switch { WorkOrderStatus.Running => 0, WorkOrderStatus.Paused => 2, _ => 1 })
            .ThenBy(o => o.Order.Priority)
            .ThenBy(o => o.Order.DueTs ?? long.MaxValue)
            .ThenBy(o => o.ReceivedMs)
            .ThenBy(o => o.Order.WorkOrderId, StringComparer.Ordinal)];

    /// <summary>Marks the queued orders of a line dispatched, once their dispatch is published.</summary>
    public void MarkDispatched(string line, long ts)
    {
        foreach (var order in DispatchQueue(line).Where(o => o.Status == WorkOrderStatus.Released))
        {
            order.MoveTo(WorkOrderStatus.Dispatched, ts);
            _outputs.TouchedOrders.Add(order.Order.WorkOrderId);
        }
    }

    /// <summary>
    /// The line an order runs on: the one it names; else a line whose machines include its first work center; else the
    /// configured line for its product; else none yet (it waits until such a machine reports).
    /// </summary>
    private string? LineFor(WorkOrderPayload order)
    {
        if (order.Line is { Length: > 0 } named)
        {
            return named;
        }

        var first = order.Routing[0].WorkCenter;
        var byMachine = State.Cells.Values.FirstOrDefault(c => c.WorkCenter == first)?.Line;
        return byMachine ?? Options.ProductLines.GetValueOrDefault(order.ProductId);
    }

    private void AssignWaitingOrders()
    {
        foreach (var order in State.Orders.Values.Where(o => o.Line is null && o.IsOpen))
        {
            order.Line = LineFor(order.Order);
            if (order.Line is not null)
            {
                Touch(order);
            }
        }
    }

    private void Complete(OrderState order, long ts, string why)
    {
        order.MoveTo(WorkOrderStatus.Completed, ts);
        CloseLaborOf(order, ts);
        var id = order.Order.WorkOrderId;
        var line = IsaPath.Parse(order.Line ?? throw new InvalidOperationException($"work order {id} completed without a line"));
        foreach (var op in order.Order.Routing)
        {
            var tally = order.Operation(op.Operation);
            Publish(UnsTopic.OperationCompletion(line, id), new OperationCompletionPayload
            {
                V = 1,
                Ts = ts,
                MessageId = $"{id}-{op.Operation}-final",
                WorkOrderId = id,
                Operation = op.Operation,
                Good = tally.Good,
                Scrap = tally.Scrap,
                Unit = order.Order.Unit,
                ScrapByReason = tally.ScrapByReason.Count == 0 ? null : tally.ScrapByReason.ToDictionary(r => r.Key, r => (double)r.Value),
                Final = true,
            });
        }

        foreach (var material in order.Materials.Values)
        {
            Publish(UnsTopic.Consumption(line, id), new ConsumptionPayload
            {
                V = 1,
                Ts = ts,
                MessageId = $"{id}-{material.MaterialId}-{material.LotId ?? "nolot"}",
                WorkOrderId = id,
                MaterialId = material.MaterialId,
                LotId = material.LotId,
                Quantity = material.Quantity,
                Unit = material.Unit,
            });
        }

        Publish(UnsTopic.Completion(line.Up(IsaLevel.Site), id), CompletionRecord.For(order, ts));
        PublishEvent(order.Line, "workOrderCompleted", Severity.Info, $"Work order {id} completed ({why}): {order.Good} good, {order.Scrap} scrap",
            new() { ["workOrderId"] = id, ["good"] = Invariant(order.Good), ["scrap"] = Invariant(order.Scrap) }, ts);
        Touch(order);
    }

    private static string Invariant(double value) => value.ToString(System.Globalization.CultureInfo.InvariantCulture);
}

using System.Globalization;
using UnsMes.Uns.Payloads;
using UnsMes.Uns.Topics;

namespace UnsMes.Wip.Domain;

// Machine counters move units: the first operation of a routing starts new serials, every later one takes the units
// waiting in front of its work center, first in first out, whichever work order they belong to (a line switching
// orders still has the old order's parts in its buffers, and a machine finishes those first).
internal sealed partial class WipTracker
{
    /// <summary>A machine's running state; "in process" at a work center counts its running machines.</summary>
    public void OnState(IsaPath cell, MachineStatePayload state)
    {
        Advance(state.Ts);
        var known = Cell(cell);
        var running = state.State == MachineState.Running;
        if (known.Running != running)
        {
            known.Running = running;
            _outputs.TouchedLines.Add(known.Line);
        }
    }

    /// <summary>A machine's cumulative counters; the difference to the last reading is what it made since.</summary>
    public string? OnCount(IsaPath cell, ProductionCountPayload count)
    {
        Advance(count.Ts);
        var machine = Cell(cell);
        if (machine.LastGood is not { } lastGood || machine.LastScrap is not { } lastScrap)
        {
            // The first reading is the baseline: what the counter held before the tracker started is not ours.
            Baseline(machine, count);
            return null;
        }

        var reset = count.Good < lastGood || count.Scrap < lastScrap;
        var good = reset ? count.Good : count.Good - lastGood;
        var scrap = reset ? count.Scrap : count.Scrap - lastScrap;
        var reasons = ScrapReasons(machine, count, reset, scrap);
        Baseline(machine, count);
        if (good + scrap == 0)
        {
            return null;
        }

        var orderId = count.WorkOrderId ?? DispatchQueue(machine.Line).FirstOrDefault()?.Order.WorkOrderId;
        SwitchOrder(machine, orderId, count.Ts);
        var order = orderId is null ? null : State.Orders.GetValueOrDefault(orderId);
        var line = Line(machine.Line);
        List<WipUnit> units;
        string? problem = null;
        if (order is not null && order.Order.Routing[0].WorkCenter == machine.WorkCenter)
        {
            units = StartUnits(order, line, machine, good + scrap, count.Ts);
        }
        else
        {
            var queue = line.Queue(machine.WorkCenter);
            var available = (int)Math.Min(queue.Count, good + scrap);
            units = [.. Enumerable.Range(0, available).Select(_ => queue.Dequeue())];
            if (available < good + scrap)
            {
                problem = orderId is not null && order is null && available == 0
                    ? $"{machine.Machine} counted {good + scrap} unit(s) for work order '{orderId}', which the tracker does not know (no _workorder/{orderId} was released)"
                    : $"{machine.Machine} completed {good + scrap} unit(s) at work center {machine.WorkCenter}, but only {available} had entered it; "
                      + $"booked {available}, the other {good + scrap - available} never entered the operation";
                if (orderId is null && available == 0)
                {
                    problem = null; // A line without any work order produces untracked parts: nothing to book, nothing wrong.
                }
            }
        }

        // Good units first, then the scrapped ones, each scrap unit with its reason.
        var goodLeft = units.Count - (int)Math.Min(scrap, units.Count);
        for (var i = 0; i < units.Count; i++)
        {
            var isGood = i < goodLeft;
            Finish(units[i], machine, line, isGood, isGood ? null : reasons[Math.Min(i - goodLeft, reasons.Count - 1)], count.Ts);
        }

        machine.LastCycleEndMs = count.Ts;
        _outputs.TouchedLines.Add(machine.Line);
        return problem;
    }

    private static void Baseline(CellState machine, ProductionCountPayload count)
    {
        machine.LastGood = count.Good;
        machine.LastScrap = count.Scrap;
        machine.LastScrapByReason = count.ScrapByReason?.ToDictionary(r => r.Key, r => r.Value) ?? [];
        machine.LastCycleEndMs ??= count.Ts;
    }

    /// <summary>One reason per scrapped unit, from the difference of the per-reason counters ("unspecified" for the rest).</summary>
    private static List<string> ScrapReasons(CellState machine, ProductionCountPayload count, bool reset, long scrap)
    {
        var reasons = new List<string>();
        foreach (var (reason, total) in count.ScrapByReason ?? new Dictionary<string, long>())
        {
            var before = reset ? 0 : machine.LastScrapByReason.GetValueOrDefault(reason);
            for (var n = 0L; n < total - before && reasons.Count < scrap; n++)
            {
                reasons.Add(reason);
            }
        }

        while (reasons.Count < Math.Max(scrap, 1))
        {
            reasons.Add("unspecified");
        }

        return reasons;
    }

    private List<WipUnit> StartUnits(OrderState order, LineState line, CellState machine, long count, long ts)
    {
        var units = new List<WipUnit>((int)count);
        var entered = Math.Min(machine.LastCycleEndMs ?? ts, ts);
        for (var i = 0; i < count; i++)
        {
            order.Started++;
            var serial = string.Create(CultureInfo.InvariantCulture, $"{order.Order.WorkOrderId}-{order.Started:D5}");
            units.Add(new WipUnit { Serial = serial, WorkOrderId = order.Order.WorkOrderId, Step = 0, EnteredMs = entered });
            _outputs.Genealogy.Add(new UnitStarted(serial, order.Order.WorkOrderId, order.Order.ProductId, line.Path, entered));
        }

        if (order.Status is WorkOrderStatus.Released or WorkOrderStatus.Dispatched)
        {
            order.MoveTo(WorkOrderStatus.Running, ts);
        }

        order.FirstActivityMs ??= entered;
        return units;
    }

    /// <summary>A unit finished an operation: booked, then moved to the next work center, or out of the line.</summary>
    private void Finish(WipUnit unit, CellState machine, LineState line, bool good, string? scrapReason, long ts)
    {
        var order = State.Orders[unit.WorkOrderId];
        var routing = order.Order.Routing;
        var step = Math.Min(unit.Step, routing.Count - 1);
        var operation = routing[step].Operation;
        var tally = order.Operation(operation);
        tally.DwellSumS += Math.Max(0, ts - unit.EnteredMs) / 1000.0;
        tally.DwellCount++;
        order.LastActivityMs = ts;
        machine.LastSerial = unit.Serial;
        var operators = machine.Operators.Count == 0 ? null : string.Join(',', machine.Operators.Keys.Order(StringComparer.Ordinal));
        _outputs.Genealogy.Add(new UnitOperation(unit.Serial, operation, machine.WorkCenter, machine.Path, unit.EnteredMs, ts, good, scrapReason, operators));
        BookBomConsumption(order, unit, machine, line, operation, ts);
        Touch(order);

        if (!good)
        {
            tally.Scrap++;
            tally.ScrapByReason[scrapReason!] = tally.ScrapByReason.GetValueOrDefault(scrapReason!) + 1;
            order.Scrap++;
            order.ScrapByReason[scrapReason!] = order.ScrapByReason.GetValueOrDefault(scrapReason!) + 1;
            order.Recent.Add(ts, good: false, WindowMs);
            line.Recent(order.Order.ProductId).Add(ts, good: false, WindowMs);
            _outputs.Genealogy.Add(new UnitFinished(unit.Serial, false, ts));
            return;
        }

        tally.Good++;
        if (step + 1 < routing.Count)
        {
            unit.Step = step + 1;
            unit.EnteredMs = ts;
            line.Queue(routing[step + 1].WorkCenter).Enqueue(unit);
            return;
        }

        order.Good++;
        order.Recent.Add(ts, good: true, WindowMs);
        line.Recent(order.Order.ProductId).Add(ts, good: true, WindowMs);
        var shift = ShiftKey(ts);
        if (shift is not null)
        {
            line.GoodByShift[shift] = line.GoodByShift.GetValueOrDefault(shift) + 1;
        }

        _outputs.Genealogy.Add(new UnitFinished(unit.Serial, true, ts));
        if (order.Good > order.Order.Quantity)
        {
            order.OverProduced = order.Good - (long)Math.Ceiling(order.Order.Quantity);
            if (order.OverProduced == 1)
            {
                PublishEvent(line.Path, "overProduction", Severity.Warning,
                    $"Work order {order.Order.WorkOrderId} made more than its quantity of {order.Order.Quantity} {order.Order.Unit}; the extra units are recorded",
                    new() { ["workOrderId"] = order.Order.WorkOrderId, ["serial"] = unit.Serial }, ts);
            }
        }
        else if (order.Good >= order.Order.Quantity && order.IsOpen)
        {
            Complete(order, ts, "quantity reached");
        }
    }

    /// <summary>The shift instance an instant falls in ("2026-11-23/A", dated by the shift's start), or null outside shifts.</summary>
    public string? ShiftKey(long ts)
    {
        var at = DateTimeOffset.FromUnixTimeMilliseconds(ts);
        var shift = Calendar.ShiftAt(at);
        if (shift is null)
        {
            return null;
        }

        var date = at.UtcDateTime.TimeOfDay >= shift.Start ? at.UtcDateTime.Date : at.UtcDateTime.Date.AddDays(-1);
        return string.Create(CultureInfo.InvariantCulture, $"{date:yyyy-MM-dd}/{shift.Name}");
    }
}

using UnsMes.Uns.Payloads;
using UnsMes.Uns.Topics;

namespace UnsMes.Wip.Domain;

// Labor: operators log in and out at machines; their time is booked to the work order and operation the machine
// works on, one segment per order, so a machine that switches orders splits the time where it switched.
internal sealed partial class WipTracker
{
    public string? Login(IsaPath cell, string employeeId, long ts)
    {
        Advance(ts);
        var machine = Cell(cell);
        if (machine.Operators.ContainsKey(employeeId))
        {
            return $"login: {employeeId} is already logged in at {machine.Machine}";
        }

        machine.Operators[employeeId] = ts;
        return null;
    }

    public string? Logout(IsaPath cell, string employeeId, long ts)
    {
        var machine = Cell(cell);
        if (!machine.Operators.TryGetValue(employeeId, out var since))
        {
            return $"logout: {employeeId} is not logged in at {machine.Machine}";
        }

        if (ts < since)
        {
            return $"logout: {employeeId} logs out at {ts}, before the login at {since}";
        }

        Advance(ts);
        BookLabor(machine, employeeId, since, ts);
        machine.Operators.Remove(employeeId);
        return null;
    }

    /// <summary>The machine starts on another work order: the operators' time so far belongs to the previous one.</summary>
    private void SwitchOrder(CellState machine, string? orderId, long ts)
    {
        if (machine.CurrentWorkOrder == orderId)
        {
            return;
        }

        foreach (var (employee, since) in machine.Operators.ToList())
        {
            BookLabor(machine, employee, since, ts);
            machine.Operators[employee] = ts;
        }

        machine.CurrentWorkOrder = orderId;
    }

    /// <summary>A completed order takes the time of everyone still working on it up to its completion.</summary>
    private void CloseLaborOf(OrderState order, long ts)
    {
        foreach (var machine in State.Cells.Values.Where(c => c.CurrentWorkOrder == order.Order.WorkOrderId))
        {
            foreach (var (employee, since) in machine.Operators.ToList())
            {
                BookLabor(machine, employee, since, ts);
                machine.Operators[employee] = ts;
            }
        }
    }

    private void BookLabor(CellState machine, string employee, long start, long end)
    {
        if (end <= start || machine.CurrentWorkOrder is not { } orderId || !State.Orders.TryGetValue(orderId, out var order) || order.Line is null)
        {
            return; // Time on no known order (an idle machine) is not a booking.
        }

        var step = order.StepAt(machine.WorkCenter);
        if (step < 0)
        {
            return;
        }

        var operation = order.Order.Routing[step].Operation;
        var key = $"{employee}|{operation}";
        var labor = new LaborPayload
        {
            V = 1,
            Ts = end,
            MessageId = $"{orderId}-{operation}-{employee}-{start}",
            WorkOrderId = orderId,
            Operation = operation,
            EmployeeId = employee,
            Start = start,
            End = end,
        };
        order.LaborHours[key] = order.LaborHours.GetValueOrDefault(key) + labor.Hours;
        Publish(UnsTopic.Labor(IsaPath.Parse(order.Line), orderId), labor);
        Touch(order);
    }
}

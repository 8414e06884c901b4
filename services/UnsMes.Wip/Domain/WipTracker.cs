using UnsMes.Uns.Calendar;
using UnsMes.Uns.Payloads;
using UnsMes.Uns.Topics;

namespace UnsMes.Wip.Domain;

/// <summary>
/// The WIP tracker's model of the floor, fed one message at a time. Work orders come from the ERP; machine counts move
/// serialized units from operation to operation, first in first out per work center; lot loads, measured consumption
/// and operator log-ins are booked against the order the machine works on. Each input returns null, or the reason it
/// was refused (nothing is changed by a refused input). Not thread-safe: the streaming service serializes access.
/// </summary>
internal sealed partial class WipTracker(WipOptions options, ShiftCalendar calendar)
{
    private WipOutputs _outputs = new();

    public WipState State { get; private set; } = new();

    public WipOptions Options { get; } = options;

    public ShiftCalendar Calendar { get; } = calendar;

    private long WindowMs => Options.RateWindowMinutes * 60_000L;

    public void Restore(WipState state) => State = state;

    /// <summary>Hands over what was produced since the last call.</summary>
    public WipOutputs TakeOutputs()
    {
        var outputs = _outputs;
        _outputs = new WipOutputs();
        return outputs;
    }

    private void Advance(long ts) => State.WatermarkMs = Math.Max(State.WatermarkMs, ts);

    private LineState Line(string path) =>
        State.Lines.TryGetValue(path, out var line) ? line : State.Lines[path] = new LineState { Path = path };

    private CellState Cell(IsaPath cell)
    {
        var key = cell.ToString();
        if (State.Cells.TryGetValue(key, out var known))
        {
            return known;
        }

        var machine = cell.Cell!;
        var created = new CellState { Path = key, Line = cell.Parent.ToString(), Machine = machine, WorkCenter = Options.WorkCenterOf(machine) };
        State.Cells[key] = created;
        Line(created.Line);
        AssignWaitingOrders();
        return created;
    }

    private void Publish(UnsTopic topic, IUnsPayload payload) =>
        State.Outbox.Add(new OutboxEntry(topic, System.Text.Encoding.UTF8.GetString(UnsJson.Serialize(payload))));

    /// <summary>The oldest messages not yet sent.</summary>
    public List<OutboxEntry> PeekOutbox(int max) => State.Outbox.Take(max).ToList();

    /// <summary>The broker took the oldest <paramref name="count"/> messages: they leave the outbox.</summary>
    public void Acknowledge(int count) => State.Outbox.RemoveRange(0, Math.Min(count, State.Outbox.Count));

    private void PublishEvent(string line, string type, Severity severity, string message, Dictionary<string, string> attributes, long ts) =>
        Publish(UnsTopic.Event(IsaPath.Parse(line), type), new UnsEventPayload { V = 1, Ts = ts, Severity = severity, Message = message, Attributes = attributes });

    private void Touch(OrderState order)
    {
        _outputs.TouchedOrders.Add(order.Order.WorkOrderId);
        if (order.Line is not null)
        {
            _outputs.TouchedLines.Add(order.Line);
        }
    }
}

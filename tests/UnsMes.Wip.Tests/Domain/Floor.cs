using UnsMes.Uns.Calendar;
using UnsMes.Uns.Payloads;
using UnsMes.Uns.Topics;
using UnsMes.Wip;
using UnsMes.Wip.Domain;

namespace UnsMes.Wip.Tests.Domain;

/// <summary>
/// A line acme/s1/a1/l1 with machines m1..m4 fed to a tracker by hand, each machine's counter kept cumulative like a
/// PLC's, at instants chosen by the test (T0 + seconds).
/// </summary>
internal sealed class Floor
{
    public const string LinePath = "acme/s1/a1/l1";
    public static readonly long T0 = DateTimeOffset.Parse("2026-11-23T08:00:00Z", System.Globalization.CultureInfo.InvariantCulture).ToUnixTimeMilliseconds();

    private readonly Dictionary<string, (long Good, long Scrap, Dictionary<string, long> Reasons)> _counters = [];

    public Floor(WipOptions? options = null, ShiftCalendar? calendar = null)
    {
        var o = options ?? new WipOptions();
        Tracker = new WipTracker(o, calendar ?? ShiftCalendar.AroundTheClock);
    }

    public WipTracker Tracker { get; }

    public List<string> Problems { get; } = [];

    public WipOutputs Outputs { get; private set; } = new();

    public static IsaPath Cell(string machine) => IsaPath.Parse($"{LinePath}/{machine}");

    public static long At(double seconds) => T0 + (long)(seconds * 1000);

    public static WorkOrderPayload Order(string id, double quantity, params (string Op, string WorkCenter, double Ict)[] routing) => new()
    {
        V = 1,
        Ts = T0,
        WorkOrderId = id,
        ProductId = "P1",
        Quantity = quantity,
        Unit = "pcs",
        Status = WorkOrderStatus.Released,
        Line = LinePath,
        Bom = [new BomLine("steel", 2.5, "kg")],
        Routing = [.. routing.Select(r => new RoutingOperation(r.Op, r.Op, r.WorkCenter, r.Ict))],
    };

    /// <summary>A three-operation routing on m1 → m2 → m3.</summary>
    public static WorkOrderPayload Linear(string id, double quantity) =>
        Order(id, quantity, ("op10", "m1", 10), ("op20", "m2", 20), ("op30", "m3", 15));

    public Floor Release(WorkOrderPayload order) => Note(Tracker.OnWorkOrder(order.WorkOrderId, order, T0));

    /// <summary>Makes every machine's first reading (the baseline) zero, as a fresh counter.</summary>
    public Floor Start(params string[] machines)
    {
        foreach (var m in machines)
        {
            _counters[m] = (0, 0, []);
            Tracker.OnCount(Cell(m), Count(m, T0 - 1000, null));
        }

        return this;
    }

    public Floor Make(string machine, double atSeconds, long good, long scrap = 0, string? workOrderId = null, string? reason = null)
    {
        var (g, s, reasons) = _counters[machine];
        if (reason is not null)
        {
            reasons[reason] = reasons.GetValueOrDefault(reason) + scrap;
        }

        _counters[machine] = (g + good, s + scrap, reasons);
        return Note(Tracker.OnCount(Cell(machine), Count(machine, At(atSeconds), workOrderId)));
    }

    public Floor Running(string machine, double atSeconds, bool running = true)
    {
        Tracker.OnState(Cell(machine), new MachineStatePayload { V = 1, Ts = At(atSeconds), State = running ? MachineState.Running : MachineState.Idle, Since = At(atSeconds) });
        return this;
    }

    public Floor Note(string? problem)
    {
        if (problem is not null)
        {
            Problems.Add(problem);
        }

        var taken = Tracker.TakeOutputs();
        Outputs.Genealogy.AddRange(taken.Genealogy);
        var sent = Tracker.PeekOutbox(int.MaxValue);
        Tracker.Acknowledge(sent.Count);
        Sent.AddRange(sent.Select(e => UnsJson.Deserialize(UnsTopic.Parse(e.Topic).Contract, new System.Buffers.ReadOnlySequence<byte>(System.Text.Encoding.UTF8.GetBytes(e.Payload)))!));
        return this;
    }

    /// <summary>Every message the tracker sent, in order (taken from its outbox as the streaming service does).</summary>
    public List<IUnsPayload> Sent { get; } = [];

    public List<T> Published<T>() where T : IUnsPayload => [.. Sent.OfType<T>()];

    public OperationWip Wip(string operation, double atSeconds) => Tracker.LineWip(LinePath, At(atSeconds)).Single(o => o.Operation == operation);

    private ProductionCountPayload Count(string machine, long ts, string? workOrderId)
    {
        var (good, scrap, reasons) = _counters[machine];
        return new ProductionCountPayload
        {
            V = 1,
            Ts = ts,
            Good = good,
            Scrap = scrap,
            Unit = "pcs",
            WorkOrderId = workOrderId,
            ScrapByReason = reasons.Count == 0 ? null : new Dictionary<string, long>(reasons),
        };
    }
}

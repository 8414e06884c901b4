using UnsMes.Uns.Calendar;
using UnsMes.EdgePublisher.Model;
using UnsMes.Uns.Payloads;

namespace UnsMes.EdgePublisher.Simulation;

/// <summary>
/// A line: its machines in routing order with a buffer before each one but the first. The first machine never
/// lacks raw material (shortages are faults) and the last always has room (finished goods leave the line).
/// </summary>
internal sealed class LineSimulator
{
    private readonly LineBuffer?[] _buffersBefore;

    public LineSimulator(LineModel model, IReadOnlyList<MachineSimulator> machines)
    {
        Model = model;
        Machines = machines;
        _buffersBefore = [.. machines.Select((_, i) => i == 0 ? null : new LineBuffer(model.BufferCapacity))];
    }

    public LineModel Model { get; }

    public IReadOnlyList<MachineSimulator> Machines { get; }

    /// <summary>The work order the line runs now, from its <c>_dispatch</c>; null runs the line's default product.</summary>
    public DispatchedOrder? Order { get; set; }

    /// <summary>Units waiting in front of each machine (0 for the first).</summary>
    public IEnumerable<int> BufferLevels => _buffersBefore.Select(b => b?.Count ?? 0);

    public void Step(long nowMs, double dtS, ShiftCalendar calendar, IReadOnlyList<ProductModel> products, List<SimulationChange> changes)
    {
        var context = Context(nowMs, calendar, products);

        // Downstream first, so that a part leaving a buffer this step makes room for the machine before it.
        for (var i = Machines.Count - 1; i >= 0; i--)
        {
            var downstream = i + 1 < Machines.Count ? _buffersBefore[i + 1] : null;
            Machines[i].Step(nowMs, dtS, context, _buffersBefore[i], downstream, changes);
        }
    }

    public StepContext Context(long nowMs, ShiftCalendar calendar, IReadOnlyList<ProductModel> products)
    {
        var at = DateTimeOffset.FromUnixTimeMilliseconds(nowMs);
        var shift = calendar.ShiftAt(at);
        var pause = shift is null ? null : calendar.BreakAt(at);
        var (reason, text) = shift is null ? ("no_shift", "No shift planned") : pause is null ? (null, null) : ("break", pause.Name);
        var productId = Order?.ProductId ?? (products.Count > 0 ? products[0].Id : null);
        var factor = products.FirstOrDefault(p => p.Id == productId)?.CycleTimeFactor ?? 1.0;
        return new StepContext(reason, text, Order?.WorkOrderId, productId, factor, Model.Unit);
    }
}

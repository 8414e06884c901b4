using UnsMes.EdgePublisher.Model;
using UnsMes.Uns.Payloads;
using UnsMes.Uns.Topics;

namespace UnsMes.EdgePublisher.Simulation;

/// <summary>
/// The whole plant in machine time, advanced in fixed steps. Random but reproducible: the same model, seed and
/// start time give the same events, step for step.
/// </summary>
public sealed class PlantSimulator
{
    private readonly List<LineSimulator> _lines;
    private readonly Dictionary<IsaPath, MachineSimulator> _machines;

    public PlantSimulator(PlantModel model, DateTimeOffset start, TimeSpan? step = null)
    {
        Model = model;
        Step = step ?? TimeSpan.FromSeconds(1);
        Now = start;
        var startMs = start.ToUnixTimeMilliseconds();
        var index = 0;
        _lines = [.. model.Lines.Select(line => new LineSimulator(line, [.. line.Machines.Select(m => new MachineSimulator(m, unchecked(model.Seed + (7919 * ++index)), startMs))]))];
        _machines = _lines.SelectMany(l => l.Machines).ToDictionary(m => m.Model.Path);
    }

    public PlantModel Model { get; }

    public TimeSpan Step { get; }

    /// <summary>Machine time: how far the simulation has run.</summary>
    public DateTimeOffset Now { get; private set; }

    /// <summary>Runs whole steps up to <paramref name="until"/> and returns what changed, in order.</summary>
    public List<SimulationChange> AdvanceTo(DateTimeOffset until)
    {
        var changes = new List<SimulationChange>();
        while (Now + Step <= until)
        {
            Now += Step;
            var nowMs = Now.ToUnixTimeMilliseconds();
            foreach (var line in _lines)
            {
                line.Step(nowMs, Step.TotalSeconds, Model.Shifts, Model.Products, changes);
            }
        }

        return changes;
    }

    /// <summary>Makes a line follow a dispatched work order (product, and so cycle time and changeover).</summary>
    public bool Dispatch(IsaPath line, DispatchedOrder? order)
    {
        var target = _lines.FirstOrDefault(l => l.Model.Path.Equals(line));
        if (target is null)
        {
            return false;
        }

        target.Order = order;
        return true;
    }

    /// <summary>Stops a machine now with a reason, as an operator command or a test does.</summary>
    public List<SimulationChange> ForceStop(IsaPath cell, string reasonCode, string reasonText, TimeSpan duration)
    {
        var changes = new List<SimulationChange>();
        if (_machines.TryGetValue(cell, out var machine))
        {
            var line = _lines.First(l => l.Machines.Contains(machine));
            machine.ForceStop(Now.ToUnixTimeMilliseconds(), reasonCode, reasonText, duration, changes, line.Context(Now.ToUnixTimeMilliseconds(), Model.Shifts, Model.Products));
        }

        return changes;
    }

    public MachineSnapshot Snapshot(IsaPath cell) =>
        _machines.TryGetValue(cell, out var m)
            ? new MachineSnapshot(m.State, m.ReasonCode, m.Since, m.Good, m.Scrap, m.Wear)
            : throw new KeyNotFoundException($"No machine at {cell}.");

    public IEnumerable<int> BufferLevels(IsaPath line) => _lines.First(l => l.Model.Path.Equals(line)).BufferLevels;
}

public sealed record MachineSnapshot(MachineState State, string? ReasonCode, long Since, long Good, long Scrap, double Wear);

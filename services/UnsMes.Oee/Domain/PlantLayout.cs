using UnsMes.Uns.Topics;

namespace UnsMes.Oee.Domain;

/// <summary>
/// The machines the calculator knows, grouped into lines in the order they were registered (routing order), and
/// each line's output machine: the one whose counts leave the line, by default its last registered machine.
/// </summary>
internal sealed class PlantLayout
{
    private readonly List<IsaPath> _machines = [];
    private readonly List<IsaPath> _lines = [];
    private readonly Dictionary<IsaPath, List<IsaPath>> _cellsByLine = [];
    private readonly Dictionary<IsaPath, IsaPath> _outputs = [];

    public IReadOnlyList<IsaPath> Machines => _machines;

    public IReadOnlyList<IsaPath> Lines => _lines;

    /// <summary>Adds the machine at the end of its line; a machine already known keeps its place.</summary>
    public bool Register(IsaPath cell)
    {
        if (_cellsByLine.TryGetValue(cell.Parent, out var cells) && cells.Contains(cell))
        {
            return false;
        }

        if (cells is null)
        {
            cells = [];
            _cellsByLine[cell.Parent] = cells;
            _lines.Add(cell.Parent);
        }

        cells.Add(cell);
        _machines.Add(cell);
        return true;
    }

    public void SetOutput(IsaPath line, IsaPath cell)
    {
        Register(cell);
        _outputs[line] = cell;
    }

    public IsaPath? OutputOf(IsaPath line) =>
        _outputs.TryGetValue(line, out var output) ? output
        : _cellsByLine.TryGetValue(line, out var cells) ? cells[^1]
        : null;

    public IReadOnlyList<IsaPath> CellsOf(IsaPath line) => _cellsByLine.TryGetValue(line, out var cells) ? cells : [];

    public IEnumerable<IsaPath> LinesWithin(IsaPath scope) => _lines.Where(line => line.IsWithin(scope));

    /// <summary>Lines with a chosen output; the machines' own order (<see cref="Machines"/>) gives the rest.</summary>
    public List<LineOutputSnapshot> ToSnapshot() =>
        [.. _outputs.OrderBy(p => p.Key.ToString(), StringComparer.Ordinal).Select(p => new LineOutputSnapshot(p.Key.ToString(), p.Value.Cell!))];

    public static PlantLayout FromSnapshot(IEnumerable<string> machines, IEnumerable<LineOutputSnapshot> outputs)
    {
        var layout = new PlantLayout();
        foreach (var machine in machines)
        {
            layout.Register(OeeSnapshotJson.Path(machine));
        }

        foreach (var output in outputs)
        {
            var line = OeeSnapshotJson.Path(output.Line);
            layout.SetOutput(line, line.Child(output.OutputCell));
        }

        return layout;
    }
}

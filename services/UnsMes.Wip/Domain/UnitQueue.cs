namespace UnsMes.Wip.Domain;

/// <summary>
/// The units waiting in front of one work center, first in first out, as parts queue on a conveyor or in a rack.
/// Keeps the sum of arrival times, so the average dwell costs nothing to read.
/// </summary>
internal sealed class UnitQueue
{
    public Queue<WipUnit> Units { get; set; } = new();

    public long EnteredSumMs { get; set; }

    public int Count => Units.Count;

    public void Enqueue(WipUnit unit)
    {
        Units.Enqueue(unit);
        EnteredSumMs += unit.EnteredMs;
    }

    public WipUnit Dequeue()
    {
        var unit = Units.Dequeue();
        EnteredSumMs -= unit.EnteredMs;
        return unit;
    }

    public double OldestDwellS(long nowMs) => Units.Count == 0 ? 0 : Math.Max(0, nowMs - Units.Peek().EnteredMs) / 1000.0;

    public double AverageDwellS(long nowMs) =>
        Units.Count == 0 ? 0 : Math.Max(0, nowMs - ((double)EnteredSumMs / Units.Count)) / 1000.0;
}

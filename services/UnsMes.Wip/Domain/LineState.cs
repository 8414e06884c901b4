namespace UnsMes.Wip.Domain;

/// <summary>A line: the queue in front of each work center, and its measured output per product and per shift.</summary>
internal sealed class LineState
{
    public required string Path { get; set; }

    public Dictionary<string, UnitQueue> Queues { get; set; } = [];

    /// <summary>Measured good output of the line, per product.</summary>
    public Dictionary<string, RateWindow> RecentByProduct { get; set; } = [];

    /// <summary>Good units finished per shift instance ("2026-11-23/A").</summary>
    public Dictionary<string, long> GoodByShift { get; set; } = [];

    public UnitQueue Queue(string workCenter) =>
        Queues.TryGetValue(workCenter, out var queue) ? queue : Queues[workCenter] = new UnitQueue();

    public RateWindow Recent(string productId) =>
        RecentByProduct.TryGetValue(productId, out var window) ? window : RecentByProduct[productId] = new RateWindow();
}

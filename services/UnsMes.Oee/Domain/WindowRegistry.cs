namespace UnsMes.Oee.Domain;

/// <summary>
/// The windows the calculator has booked into, the watermark (the latest time known to have passed) and so which
/// windows are closed: a window closes once the watermark reaches its end plus the allowed lateness, and stays final.
/// </summary>
internal sealed class WindowRegistry(long allowedLatenessMs)
{
    private readonly Dictionary<WindowKey, OeeWindow> _windows = [];
    // Per work order: the latest count booked under it, so its end cannot be set before units it already holds.
    private readonly Dictionary<string, long> _lastCountMs = new(StringComparer.Ordinal);

    public long WatermarkMs { get; private set; }

    public IEnumerable<OeeWindow> All => _windows.Values;

    public OeeWindow? Find(WindowKey key) => _windows.GetValueOrDefault(key);

    /// <summary>Closed by time; a window the registry no longer holds (pruned) is closed too.</summary>
    public bool IsClosed(WindowKey key) => !_windows.TryGetValue(key, out var window) || IsClosed(window);

    public bool IsClosed(OeeWindow window) => window.EndMs is { } end && WatermarkMs >= end + allowedLatenessMs;

    /// <summary>
    /// Remembers a window booked into at <paramref name="atMs"/>; a work-order window starts at the earliest time
    /// booked. A window already closed by time is not created again (its figures were final and are gone).
    /// </summary>
    public void Touch(OeeWindow window, long atMs)
    {
        if (_windows.TryGetValue(window.Key, out var known))
        {
            if (window.Kind == WindowKind.WorkOrder && atMs < known.StartMs)
            {
                _windows[window.Key] = known with { StartMs = atMs };
            }

            return;
        }

        if (!IsClosed(window))
        {
            _windows[window.Key] = window;
        }
    }

    /// <summary>The work order's window as far as it is known (no end yet means it is still open).</summary>
    public OeeWindow WorkOrder(string workOrderId, long atMs) =>
        _windows.GetValueOrDefault(new WindowKey(WindowKind.WorkOrder, workOrderId)) ?? new OeeWindow(WindowKind.WorkOrder, workOrderId, atMs, null);

    public void NoteCount(string workOrderId, long atMs) =>
        _lastCountMs[workOrderId] = Math.Max(atMs, _lastCountMs.GetValueOrDefault(workOrderId, long.MinValue));

    public long? LastCountMs(string workOrderId) => _lastCountMs.TryGetValue(workOrderId, out var at) ? at : null;

    public void EndWorkOrder(string workOrderId, long endMs)
    {
        var key = new WindowKey(WindowKind.WorkOrder, workOrderId);
        _windows[key] = _windows[key] with { EndMs = endMs };
    }

    /// <summary>Moves the watermark forward and returns the windows that closed on the way, in order of their end.</summary>
    /// <summary>True when moving the watermark to <paramref name="watermarkMs"/> would close a window.</summary>
    public bool ClosesBy(long watermarkMs) =>
        _windows.Values.Any(w => w.EndMs is { } end && end + allowedLatenessMs > WatermarkMs && end + allowedLatenessMs <= watermarkMs);

    /// <summary>Moves the watermark when <see cref="ClosesBy"/> said no window closes on the way.</summary>
    public void MoveWithoutClosing(long watermarkMs) => WatermarkMs = Math.Max(WatermarkMs, watermarkMs);

    public List<OeeWindow> Advance(long watermarkMs)
    {
        var before = WatermarkMs;
        WatermarkMs = Math.Max(WatermarkMs, watermarkMs);
        return [.. _windows.Values
            .Where(w => w.EndMs is { } end && end + allowedLatenessMs > before && end + allowedLatenessMs <= WatermarkMs)
            .OrderBy(w => w.EndMs).ThenBy(w => w.Kind).ThenBy(w => w.Id, StringComparer.Ordinal)];
    }

    /// <summary>Forgets windows that ended before the cutoff; returns their keys so the tallies can go too.</summary>
    public List<WindowKey> PruneEndedBefore(long cutoffMs)
    {
        var gone = _windows.Values.Where(w => w.EndMs is { } end && end < cutoffMs).Select(w => w.Key).ToList();
        foreach (var key in gone)
        {
            _windows.Remove(key);
            if (key.Kind == WindowKind.WorkOrder)
            {
                _lastCountMs.Remove(key.Id);
            }
        }

        return gone;
    }

    public WindowRegistrySnapshot ToSnapshot() => new(
        WatermarkMs,
        [.. _windows.Values.OrderBy(w => w.Kind).ThenBy(w => w.StartMs).ThenBy(w => w.Id, StringComparer.Ordinal)
            .Select(w => new WindowSnapshot(w.Kind, w.Id, w.StartMs, w.EndMs, w.Kind == WindowKind.WorkOrder ? LastCountMs(w.Id) : null))]);

    public static WindowRegistry FromSnapshot(WindowRegistrySnapshot snapshot, long allowedLatenessMs)
    {
        var registry = new WindowRegistry(allowedLatenessMs) { WatermarkMs = snapshot.WatermarkMs };
        foreach (var window in snapshot.Windows)
        {
            registry._windows[new WindowKey(window.Kind, window.Id)] = new OeeWindow(window.Kind, window.Id, window.StartMs, window.EndMs);
            if (window.LastCountMs is { } at)
            {
                registry._lastCountMs[window.Id] = at;
            }
        }

        return registry;
    }
}

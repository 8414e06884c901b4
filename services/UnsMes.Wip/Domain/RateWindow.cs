namespace UnsMes.Wip.Domain;

/// <summary>
/// Good and scrap completions over a sliding window of event time: the measured rate (good per hour) and yield
/// that progress, ETA and promises are computed from.
/// </summary>
internal sealed class RateWindow
{
    public List<long> GoodMs { get; set; } = [];
    public List<long> ScrapMs { get; set; } = [];

    /// <summary>The first completion ever seen, so a young window is not diluted by time before production began.</summary>
    public long? FirstMs { get; set; }

    public void Add(long ts, bool good, long windowMs)
    {
        FirstMs ??= ts;
        (good ? GoodMs : ScrapMs).Add(ts);
        Prune(ts, windowMs);
    }

    public double GoodPerHour(long nowMs, long windowMs)
    {
        if (FirstMs is not { } first)
        {
            return 0;
        }

        var spanMs = Math.Min(windowMs, nowMs - first);
        if (spanMs <= 0)
        {
            return 0;
        }

        var since = nowMs - windowMs;
        return GoodMs.Count(t => t > since) * 3_600_000.0 / spanMs;
    }

    /// <summary>Good / (good + scrap) in the window; 1 when nothing was made yet (no evidence of loss).</summary>
    public double Yield(long nowMs, long windowMs)
    {
        var since = nowMs - windowMs;
        var good = GoodMs.Count(t => t > since);
        var scrap = ScrapMs.Count(t => t > since);
        return good + scrap == 0 ? 1 : (double)good / (good + scrap);
    }

    private void Prune(long nowMs, long windowMs)
    {
        var since = nowMs - windowMs;
        GoodMs.RemoveAll(t => t <= since);
        ScrapMs.RemoveAll(t => t <= since);
    }
}

using System.Diagnostics;

namespace UnsMes.Bench.Load;

/// <summary>Counts deliveries across a scenario's subscribers and keeps each one's latency.</summary>
internal sealed class DeliveryLog(long expected)
{
    private readonly long[] _latencies = new long[expected];
    private readonly TaskCompletionSource _complete = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private long _received;
    private long _timed;
    private long _lastAt;

    public long Expected => expected;

    public long Received => Interlocked.Read(ref _received);

    /// <summary>Stopwatch timestamp of the latest delivery.</summary>
    public long LastAt => Interlocked.Read(ref _lastAt);

    /// <summary>Completes when every expected message has arrived.</summary>
    public Task Complete => _complete.Task;

    public void Record(long? sentAt)
    {
        var now = Stopwatch.GetTimestamp();
        if (sentAt is { } sent)
        {
            var slot = Interlocked.Increment(ref _timed) - 1;
            if (slot < _latencies.Length)
            {
                _latencies[slot] = now - sent;
            }
        }

        var last = Interlocked.Read(ref _lastAt);
        while (now > last)
        {
            var seen = Interlocked.CompareExchange(ref _lastAt, now, last);
            if (seen == last)
            {
                break;
            }

            last = seen;
        }

        if (Interlocked.Increment(ref _received) == expected)
        {
            _complete.TrySetResult();
        }
    }

    /// <summary>p50, p99 and max in milliseconds over the timed deliveries.</summary>
    public LatencySummary Latency()
    {
        var count = (int)Math.Min(Interlocked.Read(ref _timed), _latencies.Length);
        var sorted = _latencies.AsSpan(0, count).ToArray();
        Array.Sort(sorted);
        return LatencySummary.From(sorted);
    }

    /// <summary>Waits for every message, or until delivery stalls for <paramref name="idle"/>: what is missing then is lost.</summary>
    public async Task DrainAsync(TimeSpan idle, CancellationToken cancellationToken)
    {
        var seen = Received;
        var stalledSince = Stopwatch.GetTimestamp();
        while (!Complete.IsCompleted)
        {
            await Task.WhenAny(Complete, Task.Delay(50, cancellationToken));
            cancellationToken.ThrowIfCancellationRequested();
            var now = Received;
            if (now != seen)
            {
                seen = now;
                stalledSince = Stopwatch.GetTimestamp();
            }
            else if (Stopwatch.GetElapsedTime(stalledSince) > idle)
            {
                return;
            }
        }
    }
}

internal sealed record LatencySummary(long Samples, double P50Ms, double P99Ms, double MaxMs)
{
    public static LatencySummary From(long[] sortedTicks)
    {
        if (sortedTicks.Length == 0)
        {
            return new LatencySummary(0, double.NaN, double.NaN, double.NaN);
        }

        double At(double quantile) => Milliseconds(sortedTicks[(int)Math.Min(sortedTicks.Length - 1, Math.Ceiling(quantile * sortedTicks.Length) - 1)]);
        return new LatencySummary(sortedTicks.Length, At(0.50), At(0.99), Milliseconds(sortedTicks[^1]));
    }

    private static double Milliseconds(long ticks) => ticks * 1000.0 / Stopwatch.Frequency;
}

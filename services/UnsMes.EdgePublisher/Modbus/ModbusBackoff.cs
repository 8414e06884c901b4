namespace UnsMes.EdgePublisher.Modbus;

/// <summary>
/// The wait before the next attempt at a failing device: one poll interval, then doubling up to a ceiling.
/// A computed delay rather than a Polly retry pipeline because the poll loop already waits on the clock between
/// polls; a failure only stretches that wait, and each failed attempt stays visible to the loop, which reports
/// bad quality once per episode. No jitter: each device is its own endpoint, so there is no crowd to spread.
/// </summary>
public sealed class ModbusBackoff(TimeSpan first, TimeSpan ceiling)
{
    private readonly TimeSpan _first = first > TimeSpan.Zero ? first : throw new ArgumentOutOfRangeException(nameof(first), first, "The first delay must be positive.");
    private readonly TimeSpan _ceiling = ceiling > first ? ceiling : first;

    /// <summary>Failures since the last success.</summary>
    public int Failures { get; private set; }

    /// <summary>Counts a failure and returns how long to wait before trying again.</summary>
    public TimeSpan NextDelay()
    {
        Failures++;
        // Past 2^30 intervals every ceiling is reached; capping the exponent keeps the arithmetic finite.
        var milliseconds = _first.TotalMilliseconds * Math.Pow(2, Math.Min(Failures - 1, 30));
        return milliseconds < _ceiling.TotalMilliseconds ? TimeSpan.FromMilliseconds(milliseconds) : _ceiling;
    }

    public void Reset() => Failures = 0;
}

namespace UnsMes.Broker.Publishing;

/// <summary>
/// Lets a few log lines through per interval and counts the rest, so a flood of bad input cannot turn into a flood
/// of log lines (a console logger's full queue blocks the thread that logs, here the publish path).
/// </summary>
internal sealed class LogRateLimiter(int perInterval, TimeSpan interval, TimeProvider time)
{
    private readonly Lock _lock = new();
    private long _windowStart = time.GetTimestamp();
    private int _inWindow;
    private int _suppressed;

    /// <summary>True when this event may be logged; <paramref name="suppressedBefore"/> is how many were dropped since the last one logged.</summary>
    public bool TryEnter(out int suppressedBefore)
    {
        lock (_lock)
        {
            if (time.GetElapsedTime(_windowStart) >= interval)
            {
                _windowStart = time.GetTimestamp();
                _inWindow = 0;
            }

            if (_inWindow < perInterval)
            {
                _inWindow++;
                suppressedBefore = _suppressed;
                _suppressed = 0;
                return true;
            }

            _suppressed++;
            suppressedBefore = 0;
            return false;
        }
    }
}

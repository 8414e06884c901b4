namespace UnsMes.EdgePublisher.Simulation;

/// <summary>
/// Machine time from wall time: starts some hours back, runs at a speed factor, and never passes the wall clock
/// (from then on it runs in real time).
/// </summary>
public sealed class SimulationClock(TimeProvider time, double speed, TimeSpan startBack)
{
    private readonly long _startedAt = time.GetTimestamp();

    public DateTimeOffset Start { get; } = time.GetUtcNow() - startBack;

    public DateTimeOffset Now
    {
        get
        {
            var target = Start + (time.GetElapsedTime(_startedAt) * speed);
            var wall = time.GetUtcNow();
            return target < wall ? target : wall;
        }
    }
}

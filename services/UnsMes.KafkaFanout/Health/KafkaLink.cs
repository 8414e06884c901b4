using UnsMes.KafkaFanout.Forwarding;

namespace UnsMes.KafkaFanout.Health;

/// <summary>
/// What the service knows about its Kafka cluster and its own figures: read by /health, the retained status topic and
/// the status endpoint. Kafka is "down" from the first sign (all brokers down, a failed probe) until a probe or a
/// delivery succeeds again.
/// </summary>
public sealed class KafkaLink(TimeProvider time)
{
    private readonly Lock _lock = new();
    private long _received;
    private long _delivered;
    private long _deadLettered;
    private long _retried;
    private long _inboundPublished;
    private int _inFlight;

    private volatile bool _isUp;

    public bool IsUp => _isUp;

    public string? LastError { get; private set; }

    public DateTimeOffset Since { get; private set; } = time.GetUtcNow();

    /// <summary>Raised (off the Kafka threads' hot path) when <see cref="IsUp"/> changes.</summary>
    public event Action<bool>? Changed;

    public long Received => Interlocked.Read(ref _received);
    public long Delivered => Interlocked.Read(ref _delivered);
    public long DeadLettered => Interlocked.Read(ref _deadLettered);
    public long Retried => Interlocked.Read(ref _retried);
    public long InboundPublished => Interlocked.Read(ref _inboundPublished);
    public int InFlight => Volatile.Read(ref _inFlight);

    /// <summary>Called on every delivery report: a lock-free read while nothing changes.</summary>
    public void MarkUp()
    {
        if (!_isUp)
        {
            Set(true, null);
        }
    }

    public void MarkDown(string reason) => Set(false, reason);

    internal void CountReceived()
    {
        Interlocked.Increment(ref _received);
        Interlocked.Increment(ref _inFlight);
        FanoutMetrics.Received.Add(1);
    }

    internal void CountDone(ForwardOutcome outcome)
    {
        Interlocked.Decrement(ref _inFlight);
        if (outcome.Result == ForwardResult.Delivered)
        {
            Interlocked.Increment(ref _delivered);
            FanoutMetrics.Delivered.Add(1);
        }
        else if (outcome.Result == ForwardResult.DeadLetter)
        {
            Interlocked.Increment(ref _deadLettered);
        }
    }

    internal void CountRetry()
    {
        Interlocked.Increment(ref _retried);
        FanoutMetrics.Retried.Add(1);
    }

    internal void CountInboundPublished()
    {
        Interlocked.Increment(ref _inboundPublished);
        FanoutMetrics.InboundPublished.Add(1);
    }

    private void Set(bool up, string? reason)
    {
        lock (_lock)
        {
            if (!up)
            {
                LastError = reason;
            }

            if (_isUp == up)
            {
                return;
            }

            _isUp = up;
            Since = time.GetUtcNow();
        }

        Changed?.Invoke(up);
    }
}

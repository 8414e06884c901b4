using MQTTnet;

namespace UnsMes.KafkaFanout.Forwarding;

/// <summary>
/// One MQTT message between its arrival and its MQTT acknowledgement. It completes when Kafka confirmed it, or
/// when it was judged undeliverable (dead letter); only then may its <see cref="AcknowledgementQueue"/> acknowledge it.
/// </summary>
internal sealed class InFlightMessage(MqttApplicationMessageReceivedEventArgs received, AcknowledgementQueue acknowledgements)
{
    private ForwardOutcome _outcome;
    private int _completing;
    private volatile bool _isComplete;

    public MqttApplicationMessageReceivedEventArgs Received { get; } = received;

    public MqttApplicationMessage Message => Received.ApplicationMessage;

    public int Attempts { get; set; }

    public bool IsComplete => _isComplete;

    /// <summary>The outcome; read only once <see cref="IsComplete"/>.</summary>
    public ForwardOutcome Outcome => _outcome;

    /// <summary>Records the outcome (the first one counts) and lets the queue acknowledge what is now ready, on this thread.</summary>
    public void Complete(ForwardOutcome outcome)
    {
        if (Interlocked.Exchange(ref _completing, 1) != 0)
        {
            return;
        }

        _outcome = outcome;
        _isComplete = true;
        acknowledgements.Drain();
    }
}

/// <summary>What became of a message: in Kafka, dead-lettered with a reason, or deliberately not forwarded.</summary>
internal readonly record struct ForwardOutcome(ForwardResult Result, string? Reason = null)
{
    public static readonly ForwardOutcome Delivered = new(ForwardResult.Delivered);
    public static readonly ForwardOutcome Skipped = new(ForwardResult.Skipped);

    public static ForwardOutcome DeadLetter(string reason) => new(ForwardResult.DeadLetter, reason);
}

internal enum ForwardResult
{
    Delivered,
    DeadLetter,
    Skipped,
}

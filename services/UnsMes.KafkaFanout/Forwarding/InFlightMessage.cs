using MQTTnet;

namespace UnsMes.KafkaFanout.Forwarding;

/// <summary>
/// One MQTT message between its arrival and its MQTT acknowledgement. It completes when Kafka confirmed it, or
/// when it was judged undeliverable (dead letter); only then may the MQTT side acknowledge it.
/// </summary>
internal sealed class InFlightMessage(MqttApplicationMessageReceivedEventArgs received)
{
    private readonly TaskCompletionSource<ForwardOutcome> _done = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public MqttApplicationMessageReceivedEventArgs Received { get; } = received;

    public MqttApplicationMessage Message => Received.ApplicationMessage;

    public int Attempts { get; set; }

    public Task<ForwardOutcome> Outcome => _done.Task;

    public void Complete(ForwardOutcome outcome) => _done.TrySetResult(outcome);
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

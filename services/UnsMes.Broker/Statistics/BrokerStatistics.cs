using System.Diagnostics.Metrics;

namespace UnsMes.Broker.Statistics;

/// <summary>
/// The broker's running totals, kept with interlocked counters on the hot path and exposed both as OpenTelemetry
/// instruments (<c>/metrics</c>, OTLP) and through the <c>$SYS</c> topics.
/// </summary>
internal sealed class BrokerStatistics
{
    public const string MeterName = "UnsMes.Broker";

    private long _received;
    private long _sent;
    private long _dropped;
    private long _deadLettered;
    private long _deadLetterOverflow;
    private long _connected;
    private long _held;

    public BrokerStatistics(IMeterFactory meters)
    {
        var meter = meters.Create(MeterName);
        meter.CreateObservableCounter("uns.broker.messages.received", () => Received, "{message}", "Messages published to the broker");
        meter.CreateObservableCounter("uns.broker.messages.sent", () => Sent, "{message}", "Messages queued for delivery to subscribers");
        meter.CreateObservableCounter("uns.broker.messages.dropped", () => Dropped, "{message}", "Messages lost to a full subscriber queue");
        meter.CreateObservableCounter("uns.broker.messages.deadlettered", () => DeadLetteredCount, "{message}", "Messages refused and dead-lettered");
        meter.CreateObservableUpDownCounter("uns.broker.clients.connected", () => Connected, "{client}", "Connected clients");
        meter.CreateObservableUpDownCounter("uns.broker.messages.held", () => Held, "{message}", "QoS 1/2 messages waiting in the broker until their subscriber acknowledges earlier ones");
    }

    public long Received => Interlocked.Read(ref _received);
    public long Sent => Interlocked.Read(ref _sent);
    public long Dropped => Interlocked.Read(ref _dropped);
    public long DeadLetteredCount => Interlocked.Read(ref _deadLettered);
    public long DeadLetterOverflowCount => Interlocked.Read(ref _deadLetterOverflow);
    public long Connected => Interlocked.Read(ref _connected);
    public long Held => Interlocked.Read(ref _held);

    public void MessageReceived() => Interlocked.Increment(ref _received);
    public void MessageSent() => Interlocked.Increment(ref _sent);
    public void MessageDropped() => Interlocked.Increment(ref _dropped);
    public void DeadLettered() => Interlocked.Increment(ref _deadLettered);
    public void DeadLetterOverflow() => Interlocked.Increment(ref _deadLetterOverflow);
    public void ClientConnected() => Interlocked.Increment(ref _connected);
    public void ClientDisconnected() => Interlocked.Decrement(ref _connected);
    public void HeldChanged(long delta) => Interlocked.Add(ref _held, delta);
}

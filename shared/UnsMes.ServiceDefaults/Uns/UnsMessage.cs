using System.Buffers;
using MQTTnet;

namespace UnsMes.ServiceDefaults.Uns;

/// <summary>A message as a subscriber sees it.</summary>
public sealed record UnsMessage(string Topic, ReadOnlySequence<byte> Payload, bool Retain, MqttApplicationMessage Raw)
{
    /// <summary>Set by the client for messages it received; null for messages built by hand (tests).</summary>
    internal Func<UnsAcknowledgement>? Deferral { get; init; }

    /// <summary>
    /// Takes over the acknowledgement of this QoS 1 message: the client does not acknowledge it when the handler
    /// returns; the broker keeps it in the session (and sends it again after a reconnect) until
    /// <see cref="UnsAcknowledgement.AcknowledgeAsync"/> is called. For consumers that store messages in batches and
    /// must not lose the ones not yet stored when the process dies. Call it inside the handler. Acknowledgements must
    /// be given in the order the messages arrived (MQTT requires it).
    /// </summary>
    public UnsAcknowledgement DeferAcknowledgement() =>
        Deferral?.Invoke() ?? UnsAcknowledgement.None;
}

/// <summary>A deferred acknowledgement (see <see cref="UnsMessage.DeferAcknowledgement"/>).</summary>
public sealed class UnsAcknowledgement
{
    internal static readonly UnsAcknowledgement None = new(_ => Task.CompletedTask);

    private readonly Func<CancellationToken, Task> _acknowledge;

    internal UnsAcknowledgement(Func<CancellationToken, Task> acknowledge) => _acknowledge = acknowledge;

    /// <summary>Acknowledges the message. After a reconnect it does nothing: the broker sends the message again.</summary>
    public Task AcknowledgeAsync(CancellationToken cancellationToken) => _acknowledge(cancellationToken);
}

/// <summary>Handles the messages of one subscription. Throwing marks the message as failed; the loop goes on.</summary>
public delegate Task UnsMessageHandler(UnsMessage message, CancellationToken cancellationToken);

using UnsMes.EdgePublisher.Modbus;
using UnsMes.Uns.Payloads;
using UnsMes.Uns.Topics;

namespace UnsMes.EdgePublisher.Publishing;

/// <summary>Carries values read from real devices (Modbus) into the namespace, through store-and-forward like the rest.</summary>
internal sealed class UnsProcessValueSink(StoreAndForwardSink sink) : IProcessValueSink
{
    public Task WriteAsync(IsaPath cell, string tag, ProcessValuePayload value, CancellationToken cancellationToken) =>
        sink.SendAsync([new EdgeMessage(UnsTopic.Tag(cell, tag), value)], cancellationToken);
}

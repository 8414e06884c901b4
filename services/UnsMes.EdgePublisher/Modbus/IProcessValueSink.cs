using UnsMes.Uns.Payloads;
using UnsMes.Uns.Topics;

namespace UnsMes.EdgePublisher.Modbus;

/// <summary>
/// Where the connector hands decoded tag values: the publisher turns them into <c>.../{cell}/_tag/{tag}</c>
/// messages. Keeping it an abstraction lets the connector be tested without a broker.
/// </summary>
public interface IProcessValueSink
{
    Task WriteAsync(IsaPath cell, string tag, ProcessValuePayload value, CancellationToken cancellationToken);
}

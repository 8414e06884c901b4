using UnsMes.Sparkplug;

namespace UnsMes.EdgePublisher.Sparkplug;

/// <summary>
/// A host asked to write <paramref name="Value"/> to a metric (DCMD for a device, NCMD for the node when
/// <paramref name="DeviceId"/> is null). The value is already of the metric's datatype. The plant acts on it; the
/// new value then comes back as an ordinary report, so the host sees the write take effect in a data message.
/// </summary>
internal sealed record SparkplugWrite(string? DeviceId, string MetricName, SparkplugDataType Type, object? Value);

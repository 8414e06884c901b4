using UnsMes.Sparkplug;

namespace UnsMes.EdgePublisher.Sparkplug;

/// <summary>
/// One metric of an edge node or device as the plant reports it: a name (slashes make folders on the host), a
/// datatype, the value (null for "no value") and when it was measured. <see cref="Value"/> is converted to the
/// datatype's CLR type on construction (see <see cref="SparkplugValues"/>), so a value that does not fit fails here,
/// not on the wire. A historical value is a late reading (store-and-forward): hosts must not treat it as current.
/// </summary>
/// <remarks>Properties are get-only so that no <c>with</c> expression can step around the checks.</remarks>
internal sealed record SparkplugMetricValue
{
    public SparkplugMetricValue(string name, SparkplugDataType type, object? value, long timestampMs, bool isHistorical = false)
    {
        if (string.IsNullOrWhiteSpace(name))
        {
            throw new ArgumentException("a metric needs a name", nameof(name));
        }

        ArgumentOutOfRangeException.ThrowIfNegative(timestampMs);
        Name = name;
        Type = type;
        Value = SparkplugValues.Canonical(type, value, name);
        TimestampMs = timestampMs;
        IsHistorical = isHistorical;
    }

    public string Name { get; }

    public SparkplugDataType Type { get; }

    public object? Value { get; }

    /// <summary>When the value was measured: epoch milliseconds, UTC.</summary>
    public long TimestampMs { get; }

    public bool IsHistorical { get; }
}

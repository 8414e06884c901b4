using UnsMes.Sparkplug;

namespace UnsMes.EdgePublisher.Sparkplug;

/// <summary>
/// A device behind the edge node (a machine) and its full metric set: every report is a complete snapshot. Each
/// metric name appears once as a live value; historical values may ride along for a name that has a live value.
/// </summary>
/// <remarks>Properties are get-only so that no <c>with</c> expression can step around the checks.</remarks>
internal sealed record SparkplugDevice
{
    public SparkplugDevice(string id, IReadOnlyList<SparkplugMetricValue> metrics)
    {
        Id = SparkplugTopic.RequireId(id, nameof(id));
        Metrics = SparkplugMetricSet.Validate(metrics, nameof(metrics));
    }

    public string Id { get; }

    public IReadOnlyList<SparkplugMetricValue> Metrics { get; }
}

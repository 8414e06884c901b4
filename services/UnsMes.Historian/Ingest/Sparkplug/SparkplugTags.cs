using UnsMes.Sparkplug;

namespace UnsMes.Historian.Ingest.Sparkplug;

/// <summary>
/// Names the historian's tags for Sparkplug metrics, so the query API (browse with MQTT wildcards, latest, ranges,
/// aggregates) treats them like namespace tags: a device metric is <c>spBv1.0/{group}/{edge}/{device}/{metric}</c>
/// (e.g. <c>spBv1.0/UnsMes/dayton/line1-saw01/tags/spindle_load</c>) and a metric of the edge node itself is
/// <c>spBv1.0/{group}/{edge}/_node/{metric}</c>. The verb (DBIRTH, DDATA...) is not part of the name: a metric's
/// birth value and its data are one time series.
/// </summary>
internal static class SparkplugTags
{
    /// <summary>The device segment of the edge node's own metrics; a device of this name is refused.</summary>
    public const string NodeSegment = "_node";

    /// <summary>The tag prefix of an edge node's own metrics or of one of its devices.</summary>
    public static string Prefix(string groupId, string edgeNodeId, string? deviceId) =>
        $"{SparkplugTopic.Namespace}/{groupId}/{edgeNodeId}/{deviceId ?? NodeSegment}/";

    /// <summary>Why a metric name cannot be part of a tag name; null when it can.</summary>
    public static string? Problem(string name)
    {
        if (name.Length == 0)
        {
            return "a metric needs a name";
        }

        if (name.IndexOfAny(['+', '#', '\0']) is var bad and >= 0)
        {
            return $"metric '{name}': '{name[bad]}' cannot be part of a tag name";
        }

        return name.StartsWith('/') || name.EndsWith('/') || name.Contains("//", StringComparison.Ordinal)
            ? $"metric '{name}': empty name levels cannot be part of a tag name"
            : null;
    }
}

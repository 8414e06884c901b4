namespace UnsMes.Historian.Ingest.Sparkplug;

/// <summary>What the historian knows of one edge node's session: its birth, its devices' births, the last seq.</summary>
internal sealed class SparkplugEdgeNodeState(string groupId, string edgeNodeId)
{
    public string GroupId { get; } = groupId;

    public string EdgeNodeId { get; } = edgeNodeId;

    /// <summary>The node's own metrics from its NBIRTH; null until an NBIRTH is seen (and after an NDEATH).</summary>
    public SparkplugMetricSet? Node { get; set; }

    public Dictionary<string, SparkplugMetricSet> Devices { get; } = new(StringComparer.Ordinal);

    /// <summary>bdSeq of the current session (from the NBIRTH); an NDEATH with another bdSeq is a stale will.</summary>
    public long? BdSeq { get; set; }

    /// <summary>seq of the last message of the session; null before the NBIRTH.</summary>
    public ulong? LastSeq { get; set; }

    /// <summary>When a rebirth was last requested (epoch ms); null when never.</summary>
    public long? RebirthRequestedAt { get; set; }

    public string Prefix(string? deviceId) => SparkplugTags.Prefix(GroupId, EdgeNodeId, deviceId);
}

using UnsMes.Historian.Model;

namespace UnsMes.Historian.Ingest.Sparkplug;

/// <summary>
/// What one Sparkplug message becomes: the values to store, or why it cannot be stored (it is then dead-lettered),
/// and whether its edge node is to be asked for a rebirth (<c>spBv1.0/{group}/NCMD/{edge}</c>, else null).
/// </summary>
internal sealed record SparkplugOutcome(IReadOnlyList<HistoryPoint> Points, string? Rejection = null, string? RebirthTopic = null)
{
    public static readonly SparkplugOutcome Nothing = new([]);
}

using UnsMes.Uns.Payloads;
using UnsMes.Uns.Topics;

namespace UnsMes.Oee.Domain;

/// <summary>
/// One stop of a machine as the dashboard shows it ("down 11 min, jam"): a down, setup, idle, starved or blocked
/// state that lasted at least the micro-stop threshold, or any planned stop. Maps onto <see cref="DowntimePayload"/>.
/// </summary>
public sealed record DowntimeEpisode(
    string EpisodeId,
    IsaPath Cell,
    MachineState State,
    long StartMs,
    long? EndMs,
    string ReasonCode,
    string? ReasonText,
    bool Classified,
    bool Planned,
    string? WorkOrderId,
    string? ProductId)
{
    /// <summary>"{cell}-{startMs}": unique per machine, and the same however often the stop is reported.</summary>
    public static string IdFor(IsaPath cell, long startMs)
    {
        ArgumentNullException.ThrowIfNull(cell);
        return $"{cell.Cell}-{startMs}";
    }

    public double? DurationS => EndMs is { } end ? (end - StartMs) / 1000.0 : null;
}

/// <summary>What happened to an episode.</summary>
public enum DowntimeChange
{
    /// <summary>First seen: a stop passed the threshold, or a planned stop began (it may already have ended when late).</summary>
    Opened,
    /// <summary>The next state change ended it.</summary>
    Closed,
    /// <summary>Its reason, text or end changed (an operator classified it, or late data moved its end).</summary>
    Updated,
    /// <summary>Late data showed it was no episode after all (it ended before the threshold, or was replaced).</summary>
    Withdrawn,
}

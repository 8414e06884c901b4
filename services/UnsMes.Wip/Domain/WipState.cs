namespace UnsMes.Wip.Domain;

/// <summary>Everything the tracker knows; saved whole as its snapshot, so a restart continues where it stopped.</summary>
internal sealed class WipState
{
    public Dictionary<string, OrderState> Orders { get; set; } = [];
    public Dictionary<string, LineState> Lines { get; set; } = [];
    public Dictionary<string, CellState> Cells { get; set; } = [];

    /// <summary>
    /// Messages decided but not yet confirmed by the broker, oldest first. They are part of the snapshot, so a completion
    /// or write-back record survives a stop or a kill between the decision and the broker's acknowledgement.
    /// </summary>
    public List<OutboxEntry> Outbox { get; set; } = [];

    /// <summary>Commands and measured-consumption events already acted on.</summary>
    public RecentKeys Seen { get; set; } = new();

    /// <summary>The latest event time seen (epoch ms).</summary>
    public long WatermarkMs { get; set; }
}

/// <summary>A message to send: its topic and its JSON payload.</summary>
internal sealed record OutboxEntry(string Topic, string Payload);

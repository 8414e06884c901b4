namespace UnsMes.Uns.Topics;

/// <summary>Quality of service a publisher uses for a topic family (MQTT levels 0 and 1; 2 is never needed).</summary>
public enum UnsQos
{
    AtMostOnce = 0,
    AtLeastOnce = 1,
}

/// <summary>
/// How one topic family looks on the wire: its segment, the ISA-95 levels it may hang under, the names of the
/// segments that follow it, and how it is published.
/// </summary>
public sealed record ContractSpec(
    UnsContract Contract,
    string Segment,
    IReadOnlyList<IsaLevel> Levels,
    IReadOnlyList<string> TailNames,
    bool Retained,
    UnsQos Qos,
    string Summary)
{
    public bool AllowsLevel(IsaLevel level) => Levels.Contains(level);
}

using UnsMes.Uns.Payloads;

namespace UnsMes.Historian.Model;

/// <summary>What a tag's values are; fixed by the first value stored, so a tag's history has one type.</summary>
public enum TagKind : byte
{
    Number = 0,
    Boolean = 1,
    Text = 2,
}

/// <summary>
/// One stored value of a tag. Numbers and booleans (1/0) are in <see cref="Number"/>, strings in <see cref="Text"/>.
/// <see cref="Ts"/> is the source timestamp (epoch ms) and, with the tag, the value's identity: storing it again
/// (an MQTT redelivery) changes nothing.
/// </summary>
public sealed record HistoryPoint(string Tag, long Ts, long ReceivedTs, TagKind Kind, double Number, string? Text, Quality Quality, bool Historical, string Unit = "")
{
    /// <summary>The value as JSON would carry it.</summary>
    public object? Value => Kind switch
    {
        TagKind.Number => Number,
        TagKind.Boolean => Number != 0,
        _ => Text,
    };
}

/// <summary>
/// One stored event (an <c>_event</c>, a downtime episode, a completion...): the path it happened at, its type,
/// its source timestamp and the payload as JSON. <see cref="Id"/> is a hash of topic and payload, so a redelivered
/// event is stored once.
/// </summary>
public sealed record HistoryEvent(long Id, string Path, string Type, long Ts, long ReceivedTs, bool Historical, string Json);

/// <summary>A tag of the dimension table.</summary>
public sealed record TagInfo(int Id, string Name, TagKind Kind, string Unit);

/// <summary>
/// A Sparkplug B NBIRTH or DBIRTH as received, kept so that a restarted historian can still read the data published
/// against its metric aliases (data in its persistent session, or sent before the next birth). <see cref="Device"/> is
/// empty for an edge node's own birth.
/// </summary>
public sealed record SparkplugBirth(string Group, string EdgeNode, string Device, string Topic, byte[] Payload, long ReceivedTs);

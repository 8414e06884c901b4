using Google.Protobuf;
using UnsMes.Sparkplug;
using UnsMes.Sparkplug.Protocol;

namespace UnsMes.EdgePublisher.Sparkplug;

/// <summary>A Sparkplug message ready to publish: its topic and its payload.</summary>
internal sealed record SparkplugMessage(SparkplugTopic Topic, Payload Payload)
{
    public SparkplugMessageType MessageType => Topic.MessageType;

    /// <summary>The payload's sequence number; null for NDEATH, which carries none.</summary>
    public ulong? Seq => Payload.HasSeq ? Payload.Seq : null;

    public byte[] ToBytes() => Payload.ToByteArray();
}

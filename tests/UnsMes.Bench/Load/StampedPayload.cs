using System.Buffers;
using System.Buffers.Binary;
using System.Diagnostics;

namespace UnsMes.Bench.Load;

/// <summary>Raw broker traffic outside the namespace: bench/{run}/p{publisher}, send time in the first 8 bytes.</summary>
internal sealed class StampedPayload(int bytes) : IMessageShape
{
    public string Label => bytes >= 1024 && bytes % 1024 == 0 ? $"{bytes / 1024} KiB" : $"{bytes} B";

    public int PayloadBytes => bytes;

    public string Filter(string run) => $"bench/{run}/#";

    public string Topic(string run, int publisher, int sequence) => $"bench/{run}/p{publisher}";

    public byte[] Payload(int publisher, int sequence)
    {
        var payload = new byte[Math.Max(bytes, sizeof(long))];
        BinaryPrimitives.WriteInt64LittleEndian(payload, Stopwatch.GetTimestamp());
        return payload;
    }

    public long? SentAt(string topic, ReadOnlySequence<byte> payload)
    {
        if (payload.Length < sizeof(long))
        {
            return null;
        }

        Span<byte> stamp = stackalloc byte[sizeof(long)];
        payload.Slice(0, sizeof(long)).CopyTo(stamp);
        return BinaryPrimitives.ReadInt64LittleEndian(stamp);
    }
}

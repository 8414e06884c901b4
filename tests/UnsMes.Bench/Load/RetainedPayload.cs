using System.Buffers;

namespace UnsMes.Bench.Load;

/// <summary>
/// The memory scenario's topics, bench/retained/{i/1000}/{i}, with i spread over the publishers (publisher p sends
/// i = p, p + n, p + 2n, ...), and ~100 B stamped payloads.
/// </summary>
internal sealed class RetainedPayload(int publishers) : IMessageShape
{
    public const int Bytes = 100;

    private readonly StampedPayload _stamped = new(Bytes);

    public string Label => _stamped.Label;

    public int PayloadBytes => Bytes;

    public string Filter(string run) => "bench/retained/#";

    public string Topic(string run, int publisher, int sequence)
    {
        var i = (sequence * publishers) + publisher;
        return $"bench/retained/{i / 1000}/{i}";
    }

    public byte[] Payload(int publisher, int sequence) => _stamped.Payload(publisher, sequence);

    public long? SentAt(string topic, ReadOnlySequence<byte> payload) => _stamped.SentAt(topic, payload);

    /// <summary>How many of <paramref name="total"/> topics publisher <paramref name="publisher"/> sends.</summary>
    public int CountFor(int publisher, int total) => (total / publishers) + (publisher < total % publishers ? 1 : 0);
}

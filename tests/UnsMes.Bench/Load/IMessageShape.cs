using System.Buffers;

namespace UnsMes.Bench.Load;

/// <summary>What a scenario publishes: topics, payloads, and how a subscriber finds a message's send time.</summary>
internal interface IMessageShape
{
    /// <summary>A short label for tables, e.g. "64 B".</summary>
    string Label { get; }

    /// <summary>Typical payload size in bytes.</summary>
    int PayloadBytes { get; }

    /// <summary>The filter a subscriber of this run uses.</summary>
    string Filter(string run);

    string Topic(string run, int publisher, int sequence);

    /// <summary>A new payload for one message, stamped with the current time as late as possible.</summary>
    byte[] Payload(int publisher, int sequence);

    /// <summary>The Stopwatch timestamp at which the message was sent, or null when it cannot be told.</summary>
    long? SentAt(string topic, ReadOnlySequence<byte> payload);
}

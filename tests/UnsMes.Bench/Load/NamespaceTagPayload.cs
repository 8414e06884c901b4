using System.Buffers;
using System.Buffers.Text;
using System.Diagnostics;
using System.Globalization;
using System.Text;

namespace UnsMes.Bench.Load;

/// <summary>
/// Valid namespace traffic: one temperature per topic, uns/v1/bench/s1/a1/l1/c{publisher}/_tag/t{k}, with the
/// contract's JSON. A JSON payload cannot carry a binary send stamp, so the reading itself identifies the message
/// (a temperature drifting up by 0.001 degC per message) and the send times are kept here, per publisher.
/// </summary>
internal sealed class NamespaceTagPayload(int publishers, int messagesPerPublisher) : IMessageShape
{
    private const int TagsPerCell = 8;
    private const double BaseValue = 20.0;
    private const double Step = 0.001;
    private const string CellMarker = "/l1/c";

    private static readonly byte[] ValueField = "\"value\":"u8.ToArray();

    private readonly long[][] _sentAt = Enumerable.Range(0, publishers).Select(_ => new long[messagesPerPublisher]).ToArray();

    public string Label => "~85 B JSON";

    public int PayloadBytes => 85;

    public string Filter(string run) => "uns/v1/bench/s1/a1/l1/+/_tag/+";

    public string Topic(string run, int publisher, int sequence) => $"uns/v1/bench/s1/a1/l1/c{publisher}/_tag/t{sequence % TagsPerCell}";

    public byte[] Payload(int publisher, int sequence)
    {
        var value = BaseValue + (sequence * Step);
        var json = string.Create(CultureInfo.InvariantCulture,
            $$"""{"v":1,"ts":{{DateTimeOffset.UtcNow.ToUnixTimeMilliseconds()}},"value":{{value:0.000}},"unit":"degC","quality":"good"}""");
        var payload = Encoding.UTF8.GetBytes(json);
        _sentAt[publisher][sequence] = Stopwatch.GetTimestamp();
        return payload;
    }

    public long? SentAt(string topic, ReadOnlySequence<byte> payload)
    {
        var cell = topic.IndexOf(CellMarker, StringComparison.Ordinal);
        if (cell < 0)
        {
            return null;
        }

        var digits = topic.AsSpan(cell + CellMarker.Length);
        if (!int.TryParse(digits[..digits.IndexOf('/')], NumberStyles.None, CultureInfo.InvariantCulture, out var publisher)
            || publisher >= _sentAt.Length)
        {
            return null;
        }

        ReadOnlySpan<byte> json = payload.IsSingleSegment ? payload.FirstSpan : payload.ToArray();
        var field = json.IndexOf(ValueField);
        if (field < 0 || !Utf8Parser.TryParse(json[(field + ValueField.Length)..], out double value, out _))
        {
            return null;
        }

        var sequence = (int)Math.Round((value - BaseValue) / Step);
        var sent = (uint)sequence < (uint)_sentAt[publisher].Length ? _sentAt[publisher][sequence] : 0;
        return sent == 0 ? null : sent;
    }
}

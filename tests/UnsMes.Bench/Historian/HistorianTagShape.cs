using System.Buffers;
using System.Globalization;
using System.Text;
using UnsMes.Bench.Load;

namespace UnsMes.Bench.Historian;

/// <summary>
/// Process values for the historian: publisher p writes tags uns/v1/bench/s1/a1/l1/c{p}/_tag/t{k}; every message has
/// its own source timestamp per tag (the historian keys values by tag and timestamp) and a changing value, so each
/// one is a stored point.
/// </summary>
internal sealed class HistorianTagShape(long firstTs, int tagsPerPublisher) : IMessageShape
{
    public string Label => "_tag JSON";

    public int PayloadBytes => 80;

    public string Filter(string run) => "uns/v1/bench/s1/a1/l1/+/_tag/+";

    public string Topic(string run, int publisher, int sequence) => $"uns/v1/bench/s1/a1/l1/c{publisher}/_tag/t{sequence % tagsPerPublisher}";

    public byte[] Payload(int publisher, int sequence) => Encoding.UTF8.GetBytes(string.Create(CultureInfo.InvariantCulture,
        $$"""{"v":1,"ts":{{firstTs + sequence}},"value":{{sequence * 0.5}},"unit":"degC","quality":"good"}"""));

    public long? SentAt(string topic, ReadOnlySequence<byte> payload) => null;
}

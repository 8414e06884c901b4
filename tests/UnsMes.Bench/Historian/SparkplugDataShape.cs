using System.Buffers;
using Google.Protobuf;
using UnsMes.Bench.Load;
using UnsMes.Sparkplug;
using UnsMes.Sparkplug.Protocol;
using Metric = UnsMes.Sparkplug.Protocol.Payload.Types.Metric;

namespace UnsMes.Bench.Historian;

/// <summary>
/// Sparkplug B for the historian: publisher p is edge node <c>e{p}</c> of group <c>bench</c> with
/// <paramref name="devices"/> devices <c>d{k}</c> of <paramref name="metricsPerDevice"/> Double metrics each. After
/// its births (<see cref="Births"/>), every message is a DDATA of one device (round robin) carrying all its metrics by
/// alias, each with the message's own timestamp and a changing value, so each metric is a stored point. seq runs on
/// from the births without gaps.
/// </summary>
internal sealed class SparkplugDataShape(long firstTs, int devices, int metricsPerDevice) : IMessageShape
{
    public const string Group = "bench";

    public string Label => $"Sparkplug DDATA, {metricsPerDevice} metrics";

    public int PayloadBytes => 16 + (metricsPerDevice * 22);

    public int Devices => devices;

    public int MetricsPerDevice => metricsPerDevice;

    public string Filter(string run) => $"spBv1.0/{Group}/#";

    public string Topic(string run, int publisher, int sequence) =>
        SparkplugTopic.Device(Group, SparkplugMessageType.DDATA, EdgeNode(publisher), $"d{sequence % devices}").Value;

    public byte[] Payload(int publisher, int sequence)
    {
        var device = sequence % devices;
        var ts = (ulong)(firstTs + (sequence / devices));
        var payload = new Payload { Timestamp = ts, Seq = (ulong)((1 + devices + sequence) & 0xFF) };
        for (var k = 0; k < metricsPerDevice; k++)
        {
            payload.Metrics.Add(new Metric
            {
                Alias = (ulong)((device * metricsPerDevice) + k),
                Datatype = (uint)SparkplugDataType.Double,
                Timestamp = ts,
                DoubleValue = (sequence * 0.5) + k,
            });
        }

        return payload.ToByteArray();
    }

    public long? SentAt(string topic, ReadOnlySequence<byte> payload) => null;

    /// <summary>The NBIRTH and the DBIRTHs of publisher p's edge node, values at <paramref name="ts"/>: (topic, payload).</summary>
    public IEnumerable<(string Topic, byte[] Payload)> Births(int publisher, long ts)
    {
        var node = EdgeNode(publisher);
        yield return (SparkplugTopic.Node(Group, SparkplugMessageType.NBIRTH, node).Value, new Payload
        {
            Timestamp = (ulong)ts,
            Seq = 0,
            Metrics = { new Metric { Name = SparkplugNodeControl.BdSeq, Datatype = (uint)SparkplugDataType.Int64, LongValue = 0 } },
        }.ToByteArray());
        for (var d = 0; d < devices; d++)
        {
            var birth = new Payload { Timestamp = (ulong)ts, Seq = (ulong)(1 + d) };
            for (var k = 0; k < metricsPerDevice; k++)
            {
                birth.Metrics.Add(new Metric
                {
                    Name = $"m{k}",
                    Alias = (ulong)((d * metricsPerDevice) + k),
                    Datatype = (uint)SparkplugDataType.Double,
                    Timestamp = (ulong)ts,
                    DoubleValue = -1,
                });
            }

            yield return (SparkplugTopic.Device(Group, SparkplugMessageType.DBIRTH, node, $"d{d}").Value, birth.ToByteArray());
        }
    }

    private static string EdgeNode(int publisher) => $"e{publisher}";
}

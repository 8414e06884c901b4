using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;
using UnsMes.EdgePublisher.Sparkplug;
using UnsMes.Sparkplug;
using UnsMes.Sparkplug.Protocol;
using Metric = UnsMes.Sparkplug.Protocol.Payload.Types.Metric;

namespace UnsMes.EdgePublisher.Tests.Sparkplug;

/// <summary>A machine-shaped device and an edge node on a test clock, as the lead's mapping will produce them.</summary>
internal static class SparkplugTestData
{
    public const string Group = "acme-dayton";
    public const string EdgeNode = "edge-01";

    public static readonly DateTimeOffset Start = new(2026, 3, 2, 6, 0, 0, TimeSpan.Zero);

    public static long StartMs => Start.ToUnixTimeMilliseconds();

    public static SparkplugEdgeNode Node(FakeTimeProvider time, IReadOnlyList<SparkplugMetricValue>? nodeMetrics = null, byte firstBdSeq = 0) =>
        new(Group, EdgeNode, time, NullLogger<SparkplugEdgeNode>.Instance, nodeMetrics, firstBdSeq);

    /// <summary>A machine: state as String, counts as Int64/UInt64, a process value as Double.</summary>
    public static SparkplugDevice Machine(string id, string state = "running", long good = 0, ulong scrap = 0, double temperature = 20.0, long? atMs = null)
    {
        var ts = atMs ?? StartMs;
        return new SparkplugDevice(id,
        [
            new SparkplugMetricValue("State", SparkplugDataType.String, state, ts),
            new SparkplugMetricValue("Counts/Good", SparkplugDataType.Int64, good, ts),
            new SparkplugMetricValue("Counts/Scrap", SparkplugDataType.UInt64, scrap, ts),
            new SparkplugMetricValue("Process/Temperature", SparkplugDataType.Double, temperature, ts),
        ]);
    }

    /// <summary>A born node: session started, NBIRTH and DBIRTHs taken.</summary>
    public static SparkplugEdgeNode BornNode(FakeTimeProvider time, params SparkplugDevice[] devices)
    {
        var node = Node(time);
        foreach (var device in devices)
        {
            node.Report(device);
        }

        node.StartSession();
        node.Birth();
        return node;
    }

    public static Payload Command(params Metric[] metrics)
    {
        var payload = new Payload { Timestamp = (ulong)StartMs };
        payload.Metrics.AddRange(metrics);
        return payload;
    }

    public static Metric Named(Payload payload, string name) => payload.Metrics.Single(m => m.Name == name);

    public static long BdSeqOf(SparkplugMessage message) => (long)Named(message.Payload, SparkplugNodeControl.BdSeq).LongValue;
}

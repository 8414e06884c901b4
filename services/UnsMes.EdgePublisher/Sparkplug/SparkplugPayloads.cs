using UnsMes.Sparkplug;
using UnsMes.Sparkplug.Protocol;
using Metric = UnsMes.Sparkplug.Protocol.Payload.Types.Metric;

namespace UnsMes.EdgePublisher.Sparkplug;

/// <summary>
/// Builds the payloads of each message type. Aliases: a birth names each metric and gives its alias; data messages
/// carry the alias without the name, as the specification requires once aliases are used. They keep the datatype,
/// which costs two bytes and lets a decoder that never saw the birth still read the value.
/// </summary>
internal static class SparkplugPayloads
{
    /// <summary>NDEATH: only the bdSeq metric and no seq. Its timestamp is when the will was made, not when it fires.</summary>
    public static Payload Death(byte bdSeq, long nowMs) => new()
    {
        Timestamp = (ulong)nowMs,
        Metrics = { Control(SparkplugNodeControl.BdSeq, alias: null, SparkplugDataType.Int64, (long)bdSeq, nowMs) },
    };

    /// <summary>NBIRTH: bdSeq and Node Control/Rebirth (false) first, then the node's own metrics.</summary>
    public static Payload NodeBirth(
        ulong seq, long nowMs, byte bdSeq, ulong bdSeqAlias, ulong rebirthAlias, IEnumerable<(ulong Alias, SparkplugMetricValue Value)> nodeMetrics)
    {
        var payload = new Payload
        {
            Timestamp = (ulong)nowMs,
            Seq = seq,
            Metrics =
            {
                Control(SparkplugNodeControl.BdSeq, bdSeqAlias, SparkplugDataType.Int64, (long)bdSeq, nowMs),
                Control(SparkplugNodeControl.Rebirth, rebirthAlias, SparkplugDataType.Boolean, false, nowMs),
            },
        };
        payload.Metrics.AddRange(nodeMetrics.Select(m => Birth(m.Alias, m.Value)));
        return payload;
    }

    /// <summary>DBIRTH: every metric of the device with name, alias, datatype, current value and timestamp.</summary>
    public static Payload DeviceBirth(ulong seq, long nowMs, IEnumerable<(ulong Alias, SparkplugMetricValue Value)> metrics)
    {
        var payload = new Payload { Timestamp = (ulong)nowMs, Seq = seq };
        payload.Metrics.AddRange(metrics.Select(m => Birth(m.Alias, m.Value)));
        return payload;
    }

    /// <summary>NDATA or DDATA: the given metrics by alias.</summary>
    public static Payload Data(ulong seq, long nowMs, IEnumerable<(ulong Alias, SparkplugMetricValue Value)> metrics)
    {
        var payload = new Payload { Timestamp = (ulong)nowMs, Seq = seq };
        payload.Metrics.AddRange(metrics.Select(m => Data(m.Alias, m.Value)));
        return payload;
    }

    /// <summary>DDEATH: no metrics, just the time and the next seq.</summary>
    public static Payload DeviceDeath(ulong seq, long nowMs) => new() { Timestamp = (ulong)nowMs, Seq = seq };

    private static Metric Birth(ulong alias, SparkplugMetricValue value)
    {
        var metric = Data(alias, value);
        metric.Name = value.Name;
        return metric;
    }

    private static Metric Data(ulong alias, SparkplugMetricValue value)
    {
        var metric = new Metric { Alias = alias, Datatype = (uint)value.Type, Timestamp = (ulong)value.TimestampMs };
        if (value.IsHistorical)
        {
            metric.IsHistorical = true;
        }

        SparkplugMetricCodec.Write(metric, value.Value);
        return metric;
    }

    private static Metric Control(string name, ulong? alias, SparkplugDataType type, object value, long nowMs)
    {
        var metric = new Metric { Name = name, Datatype = (uint)type, Timestamp = (ulong)nowMs };
        if (alias is { } a)
        {
            metric.Alias = a;
        }

        SparkplugMetricCodec.Write(metric, value);
        return metric;
    }
}

using System.Buffers;
using System.Globalization;
using Google.Protobuf;
using UnsMes.Historian.Model;
using UnsMes.Sparkplug;
using UnsMes.Sparkplug.Protocol;
using UnsMes.Uns.Payloads;
using Metric = UnsMes.Sparkplug.Protocol.Payload.Types.Metric;

namespace UnsMes.Historian.Ingest.Sparkplug;

/// <summary>
/// The historian as a Sparkplug B host application, without MQTT: keeps per edge node and device the metric
/// definitions of the births (alias to name and datatype) and turns births and data into values of the tags named
/// by <see cref="SparkplugTags"/>. Values carry the metric's timestamp (else the payload's) as source time and its
/// is_historical flag; transient metrics, nulls, non-finite numbers and datatypes the historian does not keep (bytes,
/// data sets, templates, arrays) are passed over. A death (NDEATH, DDEATH) stores the last value of each of the
/// owner's tags again with bad quality at the time of death, so the tags read stale from then on.
/// Data whose metrics cannot be resolved (no birth seen, unknown alias) is refused with the reason, and the edge
/// node is asked for a rebirth at most once per <see cref="SparkplugIngestOptions.RebirthIntervalSeconds"/>.
/// seq gaps are counted and logged; the data is kept. Not thread-safe: one message handler calls it.
/// </summary>
internal sealed class SparkplugRecorder(SparkplugIngestOptions options, int maxStringLength, IngestStatus status, ILogger logger)
{
    private readonly Dictionary<(string Group, string Edge), SparkplugEdgeNodeState> _nodes = [];

    public SparkplugOutcome Record(string topicText, ReadOnlySequence<byte> payload, long receivedTs)
    {
        if (!SparkplugTopic.TryParse(topicText, out var topic))
        {
            // Host STATE messages (spBv1.0/STATE/{host}) are not data.
            return topicText.StartsWith($"{SparkplugTopic.Namespace}/STATE/", StringComparison.Ordinal)
                ? SparkplugOutcome.Nothing
                : new SparkplugOutcome([], "not a Sparkplug B edge node or device topic (spBv1.0/{group}/{verb}/{edge}[/{device}])");
        }

        if (topic.MessageType is SparkplugMessageType.NCMD or SparkplugMessageType.DCMD)
        {
            return SparkplugOutcome.Nothing; // commands to edge nodes (our own rebirth requests among them) are not data
        }

        Payload message;
        try
        {
            message = Payload.Parser.ParseFrom(payload);
        }
        catch (InvalidProtocolBufferException ex)
        {
            return new SparkplugOutcome([], $"the payload is not a Sparkplug B payload: {ex.Message}");
        }

        var node = Node(topic);
        try
        {
            return topic.MessageType switch
            {
                SparkplugMessageType.NBIRTH => NodeBirth(node, topic, message, receivedTs),
                SparkplugMessageType.DBIRTH => DeviceBirth(node, topic, message, receivedTs),
                SparkplugMessageType.NDATA or SparkplugMessageType.DDATA => Data(node, topic, message, receivedTs),
                SparkplugMessageType.DDEATH => DeviceDeath(node, topic, message, receivedTs),
                _ => NodeDeath(node, topic, message, receivedTs),
            };
        }
        catch (RejectedMessageException ex)
        {
            return new SparkplugOutcome([], ex.Message);
        }
    }

    /// <summary>
    /// Takes back the metric definitions of births kept from before a restart (edge nodes' before their devices'), so
    /// data published against their aliases is read rather than refused. Their values were stored when they arrived;
    /// seq tracking starts again with the next message.
    /// </summary>
    public void Restore(IEnumerable<SparkplugBirth> births)
    {
        foreach (var birth in births)
        {
            Record(birth.Topic, new ReadOnlySequence<byte>(birth.Payload), birth.ReceivedTs);
        }

        foreach (var node in _nodes.Values)
        {
            node.LastSeq = null;
            node.RebirthRequestedAt = null;
        }
    }

    /// <summary>The birth to keep when <paramref name="topicText"/> is an NBIRTH or DBIRTH; null otherwise.</summary>
    public static SparkplugBirth? BirthToKeep(string topicText, ReadOnlySequence<byte> payload, long receivedTs) =>
        SparkplugTopic.TryParse(topicText, out var topic) && topic.MessageType is SparkplugMessageType.NBIRTH or SparkplugMessageType.DBIRTH
            ? new SparkplugBirth(topic.GroupId, topic.EdgeNodeId, topic.DeviceId ?? "", topicText, payload.ToArray(), receivedTs)
            : null;

    private SparkplugEdgeNodeState Node(SparkplugTopic topic)
    {
        var key = (topic.GroupId, topic.EdgeNodeId);
        if (!_nodes.TryGetValue(key, out var node))
        {
            node = new SparkplugEdgeNodeState(topic.GroupId, topic.EdgeNodeId);
            _nodes.Add(key, node);
        }

        return node;
    }

    private SparkplugOutcome NodeBirth(SparkplugEdgeNodeState node, SparkplugTopic topic, Payload message, long receivedTs)
    {
        // A new session: what was defined before (node and devices) no longer holds; the DBIRTHs follow.
        node.Devices.Clear();
        node.LastSeq = message.HasSeq ? message.Seq : null;
        node.BdSeq = null;
        var set = new SparkplugMetricSet(node.Prefix(null));
        var points = new List<HistoryPoint>(message.Metrics.Count);
        foreach (var metric in message.Metrics)
        {
            if (metric.HasName && metric.Name == SparkplugNodeControl.BdSeq)
            {
                node.BdSeq = BdSeq(metric);
                continue;
            }

            var definition = Define(set, metric);
            if (!metric.Name.StartsWith("Node Control/", StringComparison.Ordinal) && Point(definition, metric, message, receivedTs) is { } point)
            {
                points.Add(point);
            }
        }

        node.Node = set;
        return new SparkplugOutcome(points);
    }

    private SparkplugOutcome DeviceBirth(SparkplugEdgeNodeState node, SparkplugTopic topic, Payload message, long receivedTs)
    {
        if (topic.DeviceId == SparkplugTags.NodeSegment)
        {
            return new SparkplugOutcome([], $"a device named '{SparkplugTags.NodeSegment}' would share the tags of its edge node's own metrics");
        }

        CheckSeq(node, topic, message);
        var set = new SparkplugMetricSet(node.Prefix(topic.DeviceId));
        var points = new List<HistoryPoint>(message.Metrics.Count);
        foreach (var metric in message.Metrics)
        {
            if (Point(Define(set, metric), metric, message, receivedTs) is { } point)
            {
                points.Add(point);
            }
        }

        node.Devices[topic.DeviceId!] = set;

        // The device's values are readable (its birth names them), but the node's birth was not seen: ask for it.
        return new SparkplugOutcome(points, RebirthTopic: node.Node is null ? Rebirth(node, "a DBIRTH arrived before any NBIRTH", receivedTs) : null);
    }

    private SparkplugOutcome Data(SparkplugEdgeNodeState node, SparkplugTopic topic, Payload message, long receivedTs)
    {
        var set = topic.DeviceId is null ? node.Node : node.Devices.GetValueOrDefault(topic.DeviceId);
        if (set is null)
        {
            var birth = topic.DeviceId is null ? "NBIRTH" : "DBIRTH";
            return Unreadable(node, $"no {birth} seen for {topic.GroupId}/{topic.EdgeNodeId}{(topic.DeviceId is null ? "" : $"/{topic.DeviceId}")}: its metric aliases are unknown", receivedTs);
        }

        CheckSeq(node, topic, message);
        var points = new List<HistoryPoint>(message.Metrics.Count);
        foreach (var metric in message.Metrics)
        {
            var alias = metric.HasAlias ? metric.Alias : (ulong?)null;
            var definition = set.Find(metric.HasName ? metric.Name : null, alias);
            if (definition is null)
            {
                var which = alias is { } a ? $"alias {a.ToString(CultureInfo.InvariantCulture)}" : metric.HasName ? $"'{metric.Name}'" : "a metric with neither name nor alias";
                return Unreadable(node, $"{which} is not in the birth of {topic.GroupId}/{topic.EdgeNodeId}{(topic.DeviceId is null ? "" : $"/{topic.DeviceId}")}", receivedTs);
            }

            if (Point(definition, metric, message, receivedTs) is { } point)
            {
                points.Add(point);
            }
        }

        return new SparkplugOutcome(points);
    }

    private SparkplugOutcome DeviceDeath(SparkplugEdgeNodeState node, SparkplugTopic topic, Payload message, long receivedTs)
    {
        CheckSeq(node, topic, message);
        if (!node.Devices.Remove(topic.DeviceId!, out var set))
        {
            return SparkplugOutcome.Nothing;
        }

        var points = new List<HistoryPoint>();
        MarkBad(set, message.HasTimestamp ? (long)message.Timestamp : receivedTs, receivedTs, points);
        SparkplugLog.Died(logger, topic.Value, points.Count);
        return new SparkplugOutcome(points);
    }

    private SparkplugOutcome NodeDeath(SparkplugEdgeNodeState node, SparkplugTopic topic, Payload message, long receivedTs)
    {
        var bdSeq = message.Metrics.Where(m => m.HasName && m.Name == SparkplugNodeControl.BdSeq).Select(BdSeq).FirstOrDefault();
        if (bdSeq is { } dead && node.BdSeq is { } current && dead != current)
        {
            // The will of an earlier session, delivered after the new session's birth.
            SparkplugLog.StaleDeath(logger, topic.Value, dead, current);
            return SparkplugOutcome.Nothing;
        }

        // The NDEATH's own timestamp is when the will was registered (at connect); the death is when it arrives.
        var points = new List<HistoryPoint>();
        if (node.Node is { } own)
        {
            MarkBad(own, receivedTs, receivedTs, points);
        }

        foreach (var device in node.Devices.Values)
        {
            MarkBad(device, receivedTs, receivedTs, points);
        }

        node.Node = null;
        node.Devices.Clear();
        node.LastSeq = null;
        SparkplugLog.Died(logger, topic.Value, points.Count);
        return new SparkplugOutcome(points);
    }

    private static SparkplugMetricDefinition Define(SparkplugMetricSet set, Metric metric)
    {
        if (!metric.HasName)
        {
            throw new RejectedMessageException("a birth metric has no name");
        }

        if (SparkplugTags.Problem(metric.Name) is { } problem)
        {
            throw new RejectedMessageException(problem);
        }

        var definition = new SparkplugMetricDefinition(metric.Name, set.TagPrefix + metric.Name, (SparkplugDataType)metric.Datatype);
        set.Define(definition, metric.HasAlias ? metric.Alias : null);
        return definition;
    }

    private HistoryPoint? Point(SparkplugMetricDefinition definition, Metric metric, Payload message, long receivedTs)
    {
        if (definition.Kind is not { } kind || metric.IsTransient)
        {
            return null;
        }

        object? value;
        try
        {
            value = SparkplugMetricCodec.Read(metric, definition.Type);
        }
        catch (FormatException ex)
        {
            throw new RejectedMessageException($"metric '{definition.Name}': {ex.Message}");
        }

        if (value is null)
        {
            return null;
        }

        var ts = metric.HasTimestamp ? (long)metric.Timestamp : message.HasTimestamp ? (long)message.Timestamp : receivedTs;
        var quality = Quality(metric);
        HistoryPoint point;
        switch (kind)
        {
            case TagKind.Boolean:
                point = new HistoryPoint(definition.Tag, ts, receivedTs, TagKind.Boolean, (bool)value ? 1 : 0, null, quality, metric.IsHistorical);
                break;
            case TagKind.Text:
                var text = (string)value;
                if (text.Length > maxStringLength)
                {
                    throw new RejectedMessageException($"metric '{definition.Name}': a string of {text.Length} characters is longer than the historian keeps ({maxStringLength})");
                }

                if (text.Contains('\0', StringComparison.Ordinal))
                {
                    throw new RejectedMessageException($"metric '{definition.Name}': a string with a NUL character (U+0000) cannot be stored");
                }

                point = new HistoryPoint(definition.Tag, ts, receivedTs, TagKind.Text, 0, text, quality, metric.IsHistorical);
                break;
            default:
                var number = Convert.ToDouble(value, CultureInfo.InvariantCulture);
                if (!double.IsFinite(number))
                {
                    return null;
                }

                point = new HistoryPoint(definition.Tag, ts, receivedTs, TagKind.Number, number, null, quality, metric.IsHistorical);
                break;
        }

        if (!metric.IsHistorical && (definition.Last is null || definition.Last.Ts <= ts))
        {
            definition.Last = point;
        }

        return point;
    }

    /// <summary>Quality from the metric's <c>Quality</c> property (OPC codes: 192 good, 64..191 uncertain, else bad); good without one.</summary>
    private static Quality Quality(Metric metric)
    {
        if (metric.Properties is not { } properties)
        {
            return Uns.Payloads.Quality.Good;
        }

        var index = properties.Keys.IndexOf("Quality");
        if (index < 0 || index >= properties.Values.Count)
        {
            return Uns.Payloads.Quality.Good;
        }

        var value = properties.Values[index];
        var code = value.ValueCase switch
        {
            Payload.Types.PropertyValue.ValueOneofCase.IntValue => (long)value.IntValue,
            Payload.Types.PropertyValue.ValueOneofCase.LongValue => (long)value.LongValue,
            _ => 192,
        };
        return code switch
        {
            >= 192 and <= 255 => Uns.Payloads.Quality.Good,
            >= 64 and < 192 => Uns.Payloads.Quality.Uncertain,
            _ => Uns.Payloads.Quality.Bad,
        };
    }

    private static void MarkBad(SparkplugMetricSet set, long ts, long receivedTs, List<HistoryPoint> points)
    {
        foreach (var definition in set.Metrics)
        {
            if (definition.Last is { } last)
            {
                // After the last value even when clocks disagree: a value is identified by tag and time.
                points.Add(last with { Ts = Math.Max(ts, last.Ts + 1), ReceivedTs = receivedTs, Quality = Uns.Payloads.Quality.Bad, Historical = false });
                definition.Last = null;
            }
        }
    }

    private void CheckSeq(SparkplugEdgeNodeState node, SparkplugTopic topic, Payload message)
    {
        if (!message.HasSeq)
        {
            return;
        }

        if (node.LastSeq is { } last)
        {
            var expected = (last + 1) & 0xFF;
            if (message.Seq != expected)
            {
                status.CountSparkplugSeqGap();
                SparkplugLog.SeqGap(logger, node.GroupId, node.EdgeNodeId, expected, message.Seq, topic.Value);
            }
        }

        node.LastSeq = message.Seq;
    }

    private SparkplugOutcome Unreadable(SparkplugEdgeNodeState node, string reason, long receivedTs) =>
        new([], reason, Rebirth(node, reason, receivedTs));

    private string? Rebirth(SparkplugEdgeNodeState node, string reason, long receivedTs)
    {
        if (!options.RequestRebirth
            || (node.RebirthRequestedAt is { } at && receivedTs - at < options.RebirthIntervalSeconds * 1000L))
        {
            return null;
        }

        node.RebirthRequestedAt = receivedTs;
        SparkplugLog.RebirthRequested(logger, node.GroupId, node.EdgeNodeId, reason);
        return SparkplugTopic.Node(node.GroupId, SparkplugMessageType.NCMD, node.EdgeNodeId).Value;
    }

    private static long? BdSeq(Metric metric)
    {
        try
        {
            return SparkplugMetricCodec.Read(metric, metric.Datatype == 0 ? SparkplugDataType.Int64 : (SparkplugDataType)metric.Datatype) switch
            {
                null => null,
                var v => Convert.ToInt64(v, CultureInfo.InvariantCulture),
            };
        }
        catch (Exception ex) when (ex is FormatException or InvalidCastException or OverflowException)
        {
            return null;
        }
    }
}

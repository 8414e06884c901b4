using Google.Protobuf;
using Microsoft.Extensions.Logging;
using UnsMes.Sparkplug;
using UnsMes.Sparkplug.Protocol;
using Metric = UnsMes.Sparkplug.Protocol.Payload.Types.Metric;

namespace UnsMes.EdgePublisher.Sparkplug;

/// <summary>
/// The Sparkplug B session of one edge node, without MQTT: it decides what to publish and with which sequence
/// numbers, and the caller publishes the returned messages in the order given (<see cref="SparkplugMqttEdgeNode"/>
/// does that over MQTTnet). Every method is atomic, so commands and reports may arrive on different threads.
/// </summary>
/// <remarks>
/// <para>Per MQTT connection: <see cref="StartSession"/> (its NDEATH becomes the will), connect, then
/// <see cref="Birth"/>; <see cref="EndSession"/> when the connection drops, or <see cref="Death"/> before an
/// intentional disconnect.</para>
/// <para>bdSeq (0–255) goes up by one with every session and the NDEATH carries the same value as the NBIRTH that
/// follows it. It lives in memory only: after a restart it begins again at the constructor's value (0 unless told
/// otherwise). A host could then, in a rare race, pair a late NDEATH of the old process with the new NBIRTH; pass
/// a persisted value as <c>firstBdSeq</c> to avoid that. A failed connect also uses up a number, because the broker
/// may have registered that attempt's will.</para>
/// <para>seq (0–255, wrapping) is shared by all messages of the node; every NBIRTH, the first or a rebirth,
/// restarts it at 0.</para>
/// <para>While the node is not born (no session, or before its birth) reports only update what the next birth
/// will show; historical values reported then are not kept.</para>
/// </remarks>
internal sealed class SparkplugEdgeNode
{
    private readonly Lock _lock = new();
    private readonly TimeProvider _time;
    private readonly ILogger _logger;
    private readonly SparkplugAliases _aliases = new();
    private readonly OrderedDictionary<string, SparkplugMetricSet> _devices = new(StringComparer.Ordinal);
    private readonly ulong _bdSeqAlias;
    private readonly ulong _rebirthAlias;
    private SparkplugMetricSet _nodeMetrics;
    private byte _nextBdSeq;
    private byte _bdSeq;
    private byte _seq;
    private bool _inSession;
    private bool _born;

    public SparkplugEdgeNode(
        string groupId,
        string edgeNodeId,
        TimeProvider time,
        ILogger<SparkplugEdgeNode> logger,
        IReadOnlyList<SparkplugMetricValue>? nodeMetrics = null,
        byte firstBdSeq = 0)
    {
        GroupId = SparkplugTopic.RequireId(groupId, nameof(groupId));
        EdgeNodeId = SparkplugTopic.RequireId(edgeNodeId, nameof(edgeNodeId));
        _time = time;
        _logger = logger;
        _nextBdSeq = firstBdSeq;
        _bdSeqAlias = _aliases.For(null, SparkplugNodeControl.BdSeq);
        _rebirthAlias = _aliases.For(null, SparkplugNodeControl.Rebirth);
        _nodeMetrics = NodeMetricSet(nodeMetrics ?? []);
    }

    public string GroupId { get; }

    public string EdgeNodeId { get; }

    /// <summary>The bdSeq of the current session (of the last one while disconnected).</summary>
    public byte BdSeq
    {
        get
        {
            lock (_lock)
            {
                return _bdSeq;
            }
        }
    }

    /// <summary>True between a birth and the end of its session: data messages flow only then.</summary>
    public bool IsBorn
    {
        get
        {
            lock (_lock)
            {
                return _born;
            }
        }
    }

    /// <summary>Raised (outside the node's lock) for each metric a host writes with DCMD or NCMD.</summary>
    public event EventHandler<SparkplugWrite>? WriteRequested;

    /// <summary>Starts a session with the next bdSeq and returns its NDEATH, to register as the MQTT will.</summary>
    public SparkplugMessage StartSession()
    {
        lock (_lock)
        {
            _bdSeq = _nextBdSeq;
            _nextBdSeq = unchecked((byte)(_nextBdSeq + 1));
            _inSession = true;
            _born = false;
            return new SparkplugMessage(NodeTopic(SparkplugMessageType.NDEATH), SparkplugPayloads.Death(_bdSeq, NowMs()));
        }
    }

    /// <summary>The connection is gone: nothing more is sent until the next session's birth.</summary>
    public void EndSession()
    {
        lock (_lock)
        {
            _inSession = false;
            _born = false;
        }
    }

    /// <summary>The NDEATH to publish before an intentional disconnect (same bdSeq as the will); ends the session.</summary>
    public SparkplugMessage Death()
    {
        lock (_lock)
        {
            RequireSession();
            _inSession = false;
            _born = false;
            return new SparkplugMessage(NodeTopic(SparkplugMessageType.NDEATH), SparkplugPayloads.Death(_bdSeq, NowMs()));
        }
    }

    /// <summary>NBIRTH (seq 0) followed by one DBIRTH per known device, for a new session or a rebirth.</summary>
    public IReadOnlyList<SparkplugMessage> Birth()
    {
        lock (_lock)
        {
            RequireSession();
            return BirthLocked();
        }
    }

    /// <summary>
    /// Reports the node's own metrics (a full snapshot): NDATA with what changed, or a whole new birth sequence
    /// when the set of names or datatypes changed, since only an NBIRTH can redefine node metrics.
    /// </summary>
    public IReadOnlyList<SparkplugMessage> ReportNode(IReadOnlyList<SparkplugMetricValue> metrics)
    {
        SparkplugMetricSet.Validate(metrics, nameof(metrics));
        lock (_lock)
        {
            if (!_nodeMetrics.HasShapeOf(metrics))
            {
                _nodeMetrics = NodeMetricSet(metrics);
                return _born ? [.. BirthLocked(), .. HistoryLocked(NodeTopic(SparkplugMessageType.NDATA), _nodeMetrics, metrics)] : [];
            }

            var changes = _nodeMetrics.TakeChanges(metrics);
            return _born && changes.Count > 0 ? [DataLocked(NodeTopic(SparkplugMessageType.NDATA), changes)] : [];
        }
    }

    /// <summary>
    /// Reports a device (a full snapshot): a DBIRTH when the device is new or its metric names or datatypes changed,
    /// otherwise a DDATA with only the metrics whose value changed, or nothing.
    /// </summary>
    public IReadOnlyList<SparkplugMessage> Report(SparkplugDevice device)
    {
        lock (_lock)
        {
            var topic = DeviceTopic(SparkplugMessageType.DDATA, device.Id);
            if (!_devices.TryGetValue(device.Id, out var known) || !known.HasShapeOf(device.Metrics))
            {
                var defined = new SparkplugMetricSet(device.Metrics, name => _aliases.For(device.Id, name));
                _devices[device.Id] = defined;
                return _born ? [DeviceBirthLocked(device.Id, defined), .. HistoryLocked(topic, defined, device.Metrics)] : [];
            }

            var changes = known.TakeChanges(device.Metrics);
            return _born && changes.Count > 0 ? [DataLocked(topic, changes)] : [];
        }
    }

    /// <summary>The device went away: a DDEATH (when born), and it is left out of later births.</summary>
    public IReadOnlyList<SparkplugMessage> RemoveDevice(string deviceId)
    {
        lock (_lock)
        {
            if (!_devices.Remove(deviceId) || !_born)
            {
                return [];
            }

            return [new SparkplugMessage(DeviceTopic(SparkplugMessageType.DDEATH, deviceId), SparkplugPayloads.DeviceDeath(NextSeq(), NowMs()))];
        }
    }

    /// <summary>
    /// Handles an NCMD or DCMD addressed to this node. Returns the birth sequence when a host asked for a rebirth
    /// (same bdSeq, seq from 0); raises <see cref="WriteRequested"/> for writes to known metrics. Anything else
    /// (another node, unknown metric, undecodable payload) is logged and ignored.
    /// </summary>
    public IReadOnlyList<SparkplugMessage> HandleCommand(string topic, ReadOnlySpan<byte> payload)
    {
        if (!SparkplugTopic.TryParse(topic, out var parsed) || parsed.GroupId != GroupId || parsed.EdgeNodeId != EdgeNodeId
            || parsed.MessageType is not (SparkplugMessageType.NCMD or SparkplugMessageType.DCMD))
        {
            SparkplugLog.CommandIgnored(_logger, topic, "not a command for this edge node");
            return [];
        }

        Payload command;
        try
        {
            command = Payload.Parser.ParseFrom(payload);
        }
        catch (InvalidProtocolBufferException ex)
        {
            SparkplugLog.CommandIgnored(_logger, topic, $"payload is not Sparkplug B: {ex.Message}");
            return [];
        }

        var writes = new List<SparkplugWrite>();
        IReadOnlyList<SparkplugMessage> reply = [];
        lock (_lock)
        {
            var rebirth = false;
            var owner = parsed.DeviceId is null ? _nodeMetrics : _devices.GetValueOrDefault(parsed.DeviceId);
            if (owner is null)
            {
                SparkplugLog.CommandIgnored(_logger, topic, "unknown device");
                return [];
            }

            foreach (var metric in command.Metrics)
            {
                if (parsed.DeviceId is null && IsRebirth(metric))
                {
                    rebirth |= metric.HasBooleanValue && metric.BooleanValue;
                }
                else if (ToWrite(topic, parsed.DeviceId, owner, metric) is { } write)
                {
                    writes.Add(write);
                }
            }

            // Before the first birth of a session there is nothing to repeat: that birth is on its way.
            if (rebirth && _born)
            {
                SparkplugLog.RebirthRequested(_logger, GroupId, EdgeNodeId, _bdSeq);
                reply = BirthLocked();
            }
        }

        foreach (var write in writes)
        {
            RaiseWrite(write);
        }

        return reply;
    }

    private SparkplugMetricSet NodeMetricSet(IReadOnlyList<SparkplugMetricValue> metrics)
    {
        SparkplugMetricSet.Validate(metrics, nameof(metrics));
        var reserved = metrics.FirstOrDefault(m => SparkplugNodeControl.IsReserved(m.Name));
        if (reserved is not null)
        {
            throw new ArgumentException($"'{reserved.Name}' is managed by the edge node itself", nameof(metrics));
        }

        return new SparkplugMetricSet(metrics, name => _aliases.For(null, name));
    }

    private List<SparkplugMessage> BirthLocked()
    {
        _seq = 0;
        _born = true;
        var now = NowMs();
        var messages = new List<SparkplugMessage>(_devices.Count + 1)
        {
            new(NodeTopic(SparkplugMessageType.NBIRTH),
                SparkplugPayloads.NodeBirth(NextSeq(), now, _bdSeq, _bdSeqAlias, _rebirthAlias, _nodeMetrics.Current)),
        };
        messages.AddRange(_devices.Select(device => DeviceBirthLocked(device.Key, device.Value)));
        return messages;
    }

    private SparkplugMessage DeviceBirthLocked(string deviceId, SparkplugMetricSet metrics) =>
        new(DeviceTopic(SparkplugMessageType.DBIRTH, deviceId), SparkplugPayloads.DeviceBirth(NextSeq(), NowMs(), metrics.Current));

    private SparkplugMessage DataLocked(SparkplugTopic topic, List<(ulong Alias, SparkplugMetricValue Value)> metrics) =>
        new(topic, SparkplugPayloads.Data(NextSeq(), NowMs(), metrics));

    // After a (re)definition the birth carries the live values; the historical ones follow in a data message.
    private IEnumerable<SparkplugMessage> HistoryLocked(SparkplugTopic topic, SparkplugMetricSet defined, IReadOnlyList<SparkplugMetricValue> metrics)
    {
        var history = metrics.Where(m => m.IsHistorical).ToList();
        return history.Count == 0 ? [] : [DataLocked(topic, defined.TakeChanges(history))];
    }

    private bool IsRebirth(Metric metric) =>
        metric.HasName ? metric.Name == SparkplugNodeControl.Rebirth : metric.HasAlias && metric.Alias == _rebirthAlias;

    private SparkplugWrite? ToWrite(string topic, string? deviceId, SparkplugMetricSet owner, Metric metric)
    {
        if (!owner.TryFind(metric.HasName ? metric.Name : null, metric.HasAlias ? metric.Alias : null, out var name, out var type))
        {
            SparkplugLog.CommandIgnored(_logger, topic, $"unknown metric '{(metric.HasName ? metric.Name : $"alias {metric.Alias}")}'");
            return null;
        }

        try
        {
            return new SparkplugWrite(deviceId, name, type, SparkplugMetricCodec.Read(metric, type));
        }
        catch (FormatException ex)
        {
            SparkplugLog.CommandIgnored(_logger, topic, $"metric '{name}': {ex.Message}");
            return null;
        }
    }

    private void RaiseWrite(SparkplugWrite write)
    {
        try
        {
            WriteRequested?.Invoke(this, write);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            // One failing write handler must not cost the host its other writes or a requested rebirth.
            SparkplugLog.WriteHandlerFailed(_logger, ex, write.DeviceId ?? "(node)", write.MetricName);
        }
    }

    private void RequireSession()
    {
        if (!_inSession)
        {
            throw new InvalidOperationException("no Sparkplug session: call StartSession when connecting");
        }
    }

    private ulong NextSeq()
    {
        var seq = _seq;
        _seq = unchecked((byte)(_seq + 1));
        return seq;
    }

    private long NowMs() => _time.GetUtcNow().ToUnixTimeMilliseconds();

    private SparkplugTopic NodeTopic(SparkplugMessageType type) => SparkplugTopic.Node(GroupId, type, EdgeNodeId);

    private SparkplugTopic DeviceTopic(SparkplugMessageType type, string deviceId) => SparkplugTopic.Device(GroupId, type, EdgeNodeId, deviceId);
}

using System.Diagnostics.CodeAnalysis;

namespace UnsMes.Sparkplug;

/// <summary>
/// A Sparkplug B topic, <c>spBv1.0/{group}/{verb}/{edge node}[/{device}]</c>, built from typed parts and parsed
/// back. Ids are checked on the way in: a '/' would shift every later segment and '+' or '#' would turn the topic
/// into a wildcard, so neither a builder nor the parser lets one through.
/// </summary>
public sealed record SparkplugTopic
{
    /// <summary>The first segment of every Sparkplug B topic.</summary>
    public const string Namespace = "spBv1.0";

    private const string StateSegment = "STATE";

    private SparkplugTopic(string groupId, SparkplugMessageType messageType, string edgeNodeId, string? deviceId)
    {
        GroupId = RequireId(groupId, nameof(groupId));
        MessageType = messageType;
        EdgeNodeId = RequireId(edgeNodeId, nameof(edgeNodeId));
        if (IsDeviceType(messageType))
        {
            DeviceId = RequireId(deviceId!, nameof(deviceId));
        }
        else if (deviceId is not null)
        {
            throw new ArgumentException($"{messageType} is an edge node message and has no device id.", nameof(deviceId));
        }

        Value = DeviceId is null
            ? $"{Namespace}/{GroupId}/{MessageType}/{EdgeNodeId}"
            : $"{Namespace}/{GroupId}/{MessageType}/{EdgeNodeId}/{DeviceId}";
    }

    public string GroupId { get; }
    public SparkplugMessageType MessageType { get; }
    public string EdgeNodeId { get; }

    /// <summary>Set exactly for the device verbs (DBIRTH, DDEATH, DDATA, DCMD).</summary>
    public string? DeviceId { get; }

    /// <summary>The topic string.</summary>
    public string Value { get; }

    public static SparkplugTopic Node(string groupId, SparkplugMessageType messageType, string edgeNodeId)
    {
        if (IsDeviceType(messageType))
        {
            throw new ArgumentException($"{messageType} is a device message and needs a device id.", nameof(messageType));
        }

        return new SparkplugTopic(groupId, messageType, edgeNodeId, null);
    }

    public static SparkplugTopic Device(string groupId, SparkplugMessageType messageType, string edgeNodeId, string deviceId)
    {
        if (!IsDeviceType(messageType))
        {
            throw new ArgumentException($"{messageType} is an edge node message, not a device message.", nameof(messageType));
        }

        return new SparkplugTopic(groupId, messageType, edgeNodeId, deviceId);
    }

    /// <summary>A host application's online/offline topic, <c>spBv1.0/STATE/{hostId}</c>.</summary>
    public static string State(string hostId) => $"{Namespace}/{StateSegment}/{RequireId(hostId, nameof(hostId))}";

    /// <summary>The filter an edge node subscribes to for commands addressed to itself.</summary>
    public static string NodeCommandFilter(string groupId, string edgeNodeId) => Node(groupId, SparkplugMessageType.NCMD, edgeNodeId).Value;

    /// <summary>The filter an edge node subscribes to for commands addressed to any of its devices.</summary>
    public static string DeviceCommandFilter(string groupId, string edgeNodeId) =>
        $"{Namespace}/{RequireId(groupId, nameof(groupId))}/{SparkplugMessageType.DCMD}/{RequireId(edgeNodeId, nameof(edgeNodeId))}/+";

    public static bool IsDeviceType(SparkplugMessageType messageType) => messageType is
        SparkplugMessageType.DBIRTH or SparkplugMessageType.DDEATH or SparkplugMessageType.DDATA or SparkplugMessageType.DCMD;

    /// <summary>Parses an edge node or device topic; false for STATE topics, other namespaces and malformed ids.</summary>
    public static bool TryParse(string topic, [NotNullWhen(true)] out SparkplugTopic? parsed)
    {
        parsed = null;
        var parts = topic.Split('/');
        if (parts.Length is < 4 or > 5 || parts[0] != Namespace || !TryParseVerb(parts[2], out var messageType))
        {
            return false;
        }

        var deviceId = parts.Length == 5 ? parts[4] : null;
        if (deviceId is not null != IsDeviceType(messageType)
            || Problem(parts[1]) is not null || Problem(parts[3]) is not null || (deviceId is not null && Problem(deviceId) is not null))
        {
            return false;
        }

        parsed = new SparkplugTopic(parts[1], messageType, parts[3], deviceId);
        return true;
    }

    // Only the exact verb: Enum.TryParse alone would also accept a number such as "6".
    private static bool TryParseVerb(string segment, out SparkplugMessageType messageType) =>
        Enum.TryParse(segment, ignoreCase: false, out messageType) && Enum.IsDefined(messageType) && segment == messageType.ToString();

    /// <summary>Why <paramref name="id"/> cannot be a group, edge node, device or host id; null when it can.</summary>
    public static string? Problem(string? id)
    {
        if (string.IsNullOrEmpty(id))
        {
            return "a Sparkplug id must not be empty";
        }

        var bad = id.IndexOfAny(['/', '+', '#']);
        return bad < 0 ? null : $"a Sparkplug id must not contain '{id[bad]}' (got '{id}')";
    }

    public static string RequireId(string id, string parameterName)
    {
        var problem = Problem(id);
        return problem is null ? id : throw new ArgumentException(problem, parameterName);
    }

    public override string ToString() => Value;
}

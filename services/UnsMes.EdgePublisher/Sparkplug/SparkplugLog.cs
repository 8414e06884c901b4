using Microsoft.Extensions.Logging;

namespace UnsMes.EdgePublisher.Sparkplug;

internal static partial class SparkplugLog
{
    [LoggerMessage(EventId = 4501, Level = LogLevel.Information, Message = "Sparkplug edge node {GroupId}/{EdgeNodeId} connected and born (bdSeq {BdSeq}, {DeviceCount} devices)")]
    public static partial void Born(ILogger logger, string groupId, string edgeNodeId, byte bdSeq, int deviceCount);

    [LoggerMessage(EventId = 4502, Level = LogLevel.Warning, Message = "Sparkplug edge node {GroupId}/{EdgeNodeId} lost the broker: {Reason}")]
    public static partial void Disconnected(ILogger logger, string groupId, string edgeNodeId, string reason);

    [LoggerMessage(EventId = 4503, Level = LogLevel.Information, Message = "Sparkplug edge node {GroupId}/{EdgeNodeId}: rebirth requested (bdSeq {BdSeq})")]
    public static partial void RebirthRequested(ILogger logger, string groupId, string edgeNodeId, byte bdSeq);

    [LoggerMessage(EventId = 4504, Level = LogLevel.Warning, Message = "Sparkplug command on {Topic} ignored: {Reason}")]
    public static partial void CommandIgnored(ILogger logger, string topic, string reason);

    [LoggerMessage(EventId = 4505, Level = LogLevel.Error, Message = "Sparkplug write handler failed for {Owner} metric {MetricName}")]
    public static partial void WriteHandlerFailed(ILogger logger, Exception exception, string owner, string metricName);

    [LoggerMessage(EventId = 4506, Level = LogLevel.Error, Message = "Sparkplug command on {Topic} could not be handled")]
    public static partial void CommandFailed(ILogger logger, Exception exception, string topic);
}

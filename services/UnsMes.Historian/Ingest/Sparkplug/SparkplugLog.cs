namespace UnsMes.Historian.Ingest.Sparkplug;

internal static partial class SparkplugLog
{
    [LoggerMessage(EventId = 7101, Level = LogLevel.Information, Message = "Recording Sparkplug B from {Filter} (rebirth requests {Rebirth}; {Births} births kept from before)")]
    public static partial void Started(ILogger logger, string filter, string rebirth, int births);

    [LoggerMessage(EventId = 7102, Level = LogLevel.Warning, Message = "Sparkplug seq gap from {GroupId}/{EdgeNodeId}: expected {Expected}, got {Seq} on {Topic} (recorded anyway)")]
    public static partial void SeqGap(ILogger logger, string groupId, string edgeNodeId, ulong expected, ulong seq, string topic);

    [LoggerMessage(EventId = 7103, Level = LogLevel.Information, Message = "Asking Sparkplug edge node {GroupId}/{EdgeNodeId} for a rebirth: {Reason}")]
    public static partial void RebirthRequested(ILogger logger, string groupId, string edgeNodeId, string reason);

    [LoggerMessage(EventId = 7104, Level = LogLevel.Warning, Message = "The rebirth request on {Topic} could not be sent: {Error}")]
    public static partial void RebirthFailed(ILogger logger, string topic, string error);

    [LoggerMessage(EventId = 7105, Level = LogLevel.Information, Message = "Sparkplug {Topic}: {Count} tags marked bad")]
    public static partial void Died(ILogger logger, string topic, int count);

    [LoggerMessage(EventId = 7106, Level = LogLevel.Information, Message = "Sparkplug NDEATH on {Topic} ignored: bdSeq {BdSeq} is not the current session's ({Current})")]
    public static partial void StaleDeath(ILogger logger, string topic, long bdSeq, long current);
}

namespace UnsMes.Wip.Streaming;

internal static partial class WipLog
{
    [LoggerMessage(EventId = 5001, Level = LogLevel.Information, Message = "WIP tracker started from {Source} with {Orders} work order(s)")]
    public static partial void Started(ILogger logger, string source, int orders);

    [LoggerMessage(EventId = 5002, Level = LogLevel.Warning, Message = "Refused {Topic}: {Reason}")]
    public static partial void Refused(ILogger logger, string topic, string reason);

    [LoggerMessage(EventId = 5003, Level = LogLevel.Information, Message = "Dispatched to {Line}: {Queue}")]
    public static partial void Dispatched(ILogger logger, string line, string queue);
}

namespace UnsMes.EdgePublisher.Publishing;

internal static partial class EdgeLog
{
    [LoggerMessage(EventId = 4001, Level = LogLevel.Information, Message = "Edge publisher runs plant {Enterprise}/{Site}: {Lines} lines, {Machines} machines, at {Speed}x machine time, output {Output}")]
    public static partial void Started(ILogger logger, string enterprise, string site, int lines, int machines, double speed, EdgeOutput output);

    [LoggerMessage(EventId = 4002, Level = LogLevel.Warning, Message = "Broker unreachable: buffering messages on disk until it is back ({Count} so far, {Buffered} waiting)")]
    public static partial void Buffering(ILogger logger, int count, long buffered);

    [LoggerMessage(EventId = 4003, Level = LogLevel.Information, Message = "Broker back: replayed {Count} buffered message(s) in order ({Remaining} still waiting)")]
    public static partial void Replayed(ILogger logger, int count, long remaining);

    [LoggerMessage(EventId = 4004, Level = LogLevel.Warning, Message = "Store-and-forward buffer full: {Dropped} oldest message(s) dropped so far (Edge:StoreAndForward:MaxMessages)")]
    public static partial void BufferOverflow(ILogger logger, long dropped);

    [LoggerMessage(EventId = 4005, Level = LogLevel.Error, Message = "The broker refused {Topic}; the message is dropped (it is on the dead-letter topic): {Reason}")]
    public static partial void Refused(ILogger logger, string topic, string reason);

    [LoggerMessage(EventId = 4006, Level = LogLevel.Warning, Message = "Ignored command on {Topic}: {Reason}")]
    public static partial void CommandIgnored(ILogger logger, string topic, string reason);

    [LoggerMessage(EventId = 4007, Level = LogLevel.Information, Message = "Line {Line} now runs {WorkOrder} ({Product})")]
    public static partial void Dispatched(ILogger logger, UnsMes.Uns.Topics.IsaPath line, string workOrder, string product);
}

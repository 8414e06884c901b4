namespace UnsMes.Historian.Ingest;

internal static partial class HistorianLog
{
    [LoggerMessage(EventId = 7001, Level = LogLevel.Information, Message = "Historian recording into {Store} ({Tags} tags known), filters: {Filters}")]
    public static partial void Started(ILogger logger, string store, int tags, string filters);

    [LoggerMessage(EventId = 7002, Level = LogLevel.Warning, Message = "Dead-lettered {Topic}: {Reason}")]
    public static partial void Refused(ILogger logger, string topic, string reason);

    [LoggerMessage(EventId = 7003, Level = LogLevel.Warning, Message = "The {Store} store is unavailable; ingest paused, the broker keeps the messages: {Error}")]
    public static partial void StoreDown(ILogger logger, string store, string error);

    [LoggerMessage(EventId = 7004, Level = LogLevel.Information, Message = "The {Store} store is back after {Seconds:0.0} s; ingest resumed")]
    public static partial void StoreBack(ILogger logger, string store, double seconds);

    [LoggerMessage(EventId = 7005, Level = LogLevel.Information, Message = "Maintenance: {Rows} rollup rows, {Deleted} rows deleted, partitions dropped: {Dropped}")]
    public static partial void Maintained(ILogger logger, int rows, long deleted, string dropped);

    [LoggerMessage(EventId = 7006, Level = LogLevel.Warning, Message = "Maintenance failed; tried again next round")]
    public static partial void MaintenanceFailed(ILogger logger, Exception exception);
}

namespace UnsMes.Oee.Streaming;

internal static partial class OeeLog
{
    [LoggerMessage(EventId = 5001, Level = LogLevel.Information, Message = "OEE calculator started: {Machines} machines restored from {Path}")]
    public static partial void Started(ILogger logger, int machines, string path);

    [LoggerMessage(EventId = 5002, Level = LogLevel.Warning, Message = "Refused {Topic}: {Reason}")]
    public static partial void Refused(ILogger logger, string topic, string reason);

    [LoggerMessage(EventId = 5003, Level = LogLevel.Information, Message = "Counter reset on {Cell}: counting again from zero")]
    public static partial void CounterReset(ILogger logger, UnsMes.Uns.Topics.IsaPath cell);

    [LoggerMessage(EventId = 5004, Level = LogLevel.Information, Message = "{Kind} window {Id} closed")]
    public static partial void WindowClosed(ILogger logger, UnsMes.Oee.Domain.WindowKind kind, string id);
}

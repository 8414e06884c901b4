using Microsoft.Extensions.Logging;

namespace UnsMes.ServiceDefaults.Uns;

internal static partial class UnsClientLog
{
    [LoggerMessage(EventId = 1001, Level = LogLevel.Information, Message = "UNS client {ClientName} connected to {Host}:{Port} as {ClientId} (session present: {SessionPresent})")]
    public static partial void Connected(ILogger logger, string clientName, string host, int port, string clientId, bool sessionPresent);

    [LoggerMessage(EventId = 1002, Level = LogLevel.Warning, Message = "UNS client {ClientName} could not connect to {Host}:{Port} (attempt {Attempt}): {Reason}")]
    public static partial void ConnectFailed(ILogger logger, string clientName, string host, int port, int attempt, string reason);

    [LoggerMessage(EventId = 1003, Level = LogLevel.Warning, Message = "UNS client {ClientName} lost the broker: {Reason}")]
    public static partial void Disconnected(ILogger logger, string clientName, string reason);

    [LoggerMessage(EventId = 1004, Level = LogLevel.Error, Message = "UNS client {ClientName} failed to handle a message on {Topic}")]
    public static partial void HandlerFailed(ILogger logger, Exception exception, string clientName, string topic);

    [LoggerMessage(EventId = 1005, Level = LogLevel.Warning, Message = "UNS client {ClientName}: the broker refused subscription {Filter}: {Reason}")]
    public static partial void SubscribeRefused(ILogger logger, string clientName, string filter, string reason);

    [LoggerMessage(EventId = 1006, Level = LogLevel.Warning, Message = "UNS client {ClientName}: a message on {Topic} matched no handler within 30 s of connecting (a subscription left in the persistent session by an earlier configuration?); it is acknowledged unhandled")]
    public static partial void Unhandled(ILogger logger, string clientName, string topic);
}

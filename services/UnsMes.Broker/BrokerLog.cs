namespace UnsMes.Broker;

internal static partial class BrokerLog
{
    [LoggerMessage(EventId = 2001, Level = LogLevel.Information, Message = "MQTT broker listening on {Address}:{Port} (TCP){Tls}; WebSocket at {WebSocketPath}; {Retained} retained messages restored from {Store}")]
    public static partial void Started(ILogger logger, string address, int port, string tls, string webSocketPath, int retained, string store);

    [LoggerMessage(EventId = 2002, Level = LogLevel.Warning, Message = "Refused connection from {Endpoint} (client {ClientId}, user {User}): {Reason}")]
    public static partial void ConnectionRefused(ILogger logger, string endpoint, string clientId, string user, string reason);

    [LoggerMessage(EventId = 2003, Level = LogLevel.Warning, Message = "Refused subscription {Filter} of client {ClientId} (user {User}): not authorized")]
    public static partial void SubscriptionRefused(ILogger logger, string filter, string clientId, string user);

    [LoggerMessage(EventId = 2004, Level = LogLevel.Warning, Message = "Refused publish from {ClientId} to {Topic}: {Reason}")]
    public static partial void Refused(ILogger logger, string clientId, string topic, string reason);

    [LoggerMessage(EventId = 2009, Level = LogLevel.Warning, Message = "{Count} further refused publishes were not logged (at most 20 are logged per 10 s); every one is on the dead-letter topic and counted in $SYS/broker/deadletter/count")]
    public static partial void RefusalsNotLogged(ILogger logger, int count);

    [LoggerMessage(EventId = 2005, Level = LogLevel.Warning, Message = "Subscriber {ClientId}'s queue is full: a message was dropped (Broker:MaxPendingMessagesPerClient)")]
    public static partial void QueueOverflow(ILogger logger, string clientId);

    [LoggerMessage(EventId = 2006, Level = LogLevel.Warning, Message = "A dead letter could not be published: {Reason}")]
    public static partial void DeadLetterNotPublished(ILogger logger, string reason);

    [LoggerMessage(EventId = 2007, Level = LogLevel.Error, Message = "Retained message for {Topic} could not be stored; the publish is refused")]
    public static partial void RetainedStoreFailed(ILogger logger, Exception exception, string topic);

    [LoggerMessage(EventId = 2010, Level = LogLevel.Error, Message = "{Count} retained changes (the first for {Topic}) were acknowledged and are served from memory but could not be stored: a broker restart would lose them")]
    public static partial void RetainedCommitFailed(ILogger logger, Exception exception, int count, string topic);

    [LoggerMessage(EventId = 2008, Level = LogLevel.Debug, Message = "Assigned client id {ClientId} to a client that sent none")]
    public static partial void ClientIdAssigned(ILogger logger, string clientId);
}

namespace UnsMes.ErpBridge;

internal static partial class ErpBridgeLog
{
    [LoggerMessage(EventId = 6001, Level = LogLevel.Warning, Message = "Refused {Topic}: {Reason}")]
    public static partial void Refused(ILogger logger, string topic, string reason);

    [LoggerMessage(EventId = 6002, Level = LogLevel.Warning, Message = "ERP refused write-back {MessageId} for good, parked: {Reason}")]
    public static partial void Parked(ILogger logger, string messageId, string reason);

    [LoggerMessage(EventId = 6003, Level = LogLevel.Warning, Message = "ERP unavailable, write-back {MessageId} stays pending ({Pending} pending): {Reason}")]
    public static partial void DeliveryFailed(ILogger logger, string messageId, long pending, string reason);

    [LoggerMessage(EventId = 6004, Level = LogLevel.Warning, Message = "Retrying write-back {MessageId}, attempt {Attempt}: {Reason}")]
    public static partial void Retrying(ILogger logger, string messageId, int attempt, string reason);

    [LoggerMessage(EventId = 6005, Level = LogLevel.Information, Message = "Published work order {WorkOrderId} revision {Revision} as {Status}")]
    public static partial void WorkOrderPublished(ILogger logger, string workOrderId, int revision, string status);

    [LoggerMessage(EventId = 6006, Level = LogLevel.Warning, Message = "Pulling from the ERP ({Adapter}) failed: {Reason}")]
    public static partial void PullFailed(ILogger logger, string adapter, string reason);

    [LoggerMessage(EventId = 6007, Level = LogLevel.Warning, Message = "ERP circuit {State}")]
    public static partial void Circuit(ILogger logger, string state);

    [LoggerMessage(EventId = 6008, Level = LogLevel.Information, Message = "ERP bridge on {Adapter}: outbox {Path} with {Pending} pending, {Parked} parked")]
    public static partial void Started(ILogger logger, string adapter, string path, long pending, long parked);
}

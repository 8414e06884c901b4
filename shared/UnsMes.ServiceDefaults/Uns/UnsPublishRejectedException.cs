namespace UnsMes.ServiceDefaults.Uns;

/// <summary>The broker answered a publish with an error reason code (not authorized, payload invalid, ...).</summary>
public sealed class UnsPublishRejectedException : Exception
{
    public UnsPublishRejectedException()
    {
    }

    public UnsPublishRejectedException(string message)
        : base(message)
    {
    }

    public UnsPublishRejectedException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    public UnsPublishRejectedException(string topic, string reasonCode, string? reason)
        : base($"The broker rejected the publish to '{topic}': {reasonCode}{(string.IsNullOrEmpty(reason) ? "" : $" ({reason})")}.")
    {
        Topic = topic;
        ReasonCode = reasonCode;
        Reason = reason;
    }

    public string? Topic { get; }
    public string? ReasonCode { get; }
    public string? Reason { get; }
}

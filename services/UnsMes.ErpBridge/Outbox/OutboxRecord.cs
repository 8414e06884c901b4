namespace UnsMes.ErpBridge.Outbox;

/// <summary>One write-back record as the outbox keeps it: the namespace message as received, and how its delivery went.</summary>
public sealed record OutboxRecord(
    long Seq,
    string MessageId,
    string Topic,
    string Payload,
    long ReceivedAt,
    OutboxState State,
    int Attempts,
    string? LastError,
    string? ParkedReason,
    long? DeliveredAt,
    string? BookingId);

public enum OutboxState
{
    /// <summary>Stored, not yet booked by the ERP.</summary>
    Pending,

    /// <summary>Booked (or recognised as already booked) by the ERP.</summary>
    Delivered,

    /// <summary>Refused for good by the ERP; kept with the reason until a person retries or removes it.</summary>
    Parked,
}

/// <summary>The outbox in numbers, for metrics, the status topic and the API.</summary>
public sealed record OutboxFigures(long Pending, long Parked, long Delivered, long? OldestPendingReceivedAt)
{
    public double OldestPendingAgeSeconds(long now) => OldestPendingReceivedAt is { } at ? Math.Max(0, (now - at) / 1000.0) : 0;
}

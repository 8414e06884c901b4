using UnsMes.Uns.Payloads;

namespace UnsMes.Oee.Domain;

/// <summary>
/// A machine entered <see cref="State"/> at <see cref="SinceMs"/>; <see cref="Ts"/> is when that was read, and moves
/// the calculator's watermark. Built from a <c>_state</c> payload by <see cref="From"/>.
/// </summary>
public sealed record MachineStateChange(
    long Ts,
    MachineState State,
    long SinceMs,
    string? ReasonCode = null,
    string? ReasonText = null,
    string? WorkOrderId = null,
    string? ProductId = null)
{
    public static MachineStateChange From(MachineStatePayload payload)
    {
        ArgumentNullException.ThrowIfNull(payload);
        return new MachineStateChange(payload.Ts, payload.State, payload.Since, payload.ReasonCode, payload.ReasonText,
            payload.WorkOrderId, payload.ProductId);
    }

    /// <summary>Same change as <paramref name="other"/>, whenever it was read (a retained message seen twice).</summary>
    public bool SameChangeAs(MachineStateChange other) => this with { Ts = other.Ts } == other;
}

using UnsMes.Uns.Payloads;
using UnsMes.Uns.Topics;

namespace UnsMes.EdgePublisher.Publishing;

/// <summary>One message the edge sends, before it is serialized (so it can still be marked historical).</summary>
public sealed record EdgeMessage(UnsTopic Topic, IUnsPayload Payload)
{
    /// <summary>The same message marked as replayed late from the store-and-forward buffer.</summary>
    public EdgeMessage AsHistorical() => this with
    {
        Payload = Payload switch
        {
            MachineStatePayload p => p with { Historical = true },
            ProductionCountPayload p => p with { Historical = true },
            ProcessValuePayload p => p with { Historical = true },
            UnsEventPayload p => p with { Historical = true },
            DowntimePayload p => p with { Historical = true },
            _ => Payload,
        },
    };

    public byte[] SerializePayload() => Payload switch
    {
        MachineStatePayload p => UnsJson.Serialize(p),
        ProductionCountPayload p => UnsJson.Serialize(p),
        ProcessValuePayload p => UnsJson.Serialize(p),
        UnsEventPayload p => UnsJson.Serialize(p),
        DowntimePayload p => UnsJson.Serialize(p),
        _ => throw new NotSupportedException($"The edge does not publish {Payload.GetType().Name}."),
    };
}

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

    public byte[] SerializePayload() => UnsJson.Serialize(Payload);
}

using UnsMes.Uns.Payloads;
using UnsMes.Uns.Topics;

namespace UnsMes.Uns.Tests.Payloads;

/// <summary>A payload built in C#, the topic it is published on, and typed access to the serializer.</summary>
public sealed record RoundTripCase(UnsTopic Topic, IUnsPayload Payload, Func<byte[]> Serialize, Func<IUnsPayload, string> SerializeAgain)
{
    public static RoundTripCase Of<T>(UnsTopic topic, T payload)
        where T : IUnsPayload =>
        new(topic, payload, () => UnsJson.Serialize(payload), p => UnsJson.SerializeToString((T)p));

    public override string ToString() => Topic.Spec.Segment;
}

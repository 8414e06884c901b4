using MQTTnet.Protocol;

namespace UnsMes.Broker.Publishing;

/// <summary>What the broker does with one incoming publish: deliver it, or refuse it with a reason.</summary>
internal readonly record struct PublishVerdict(MqttPubAckReasonCode ReasonCode, string? Reason)
{
    public static readonly PublishVerdict Accept = new(MqttPubAckReasonCode.Success, null);

    public bool IsAccepted => Reason is null;

    public static PublishVerdict Refuse(MqttPubAckReasonCode code, string reason) => new(code, reason);
}

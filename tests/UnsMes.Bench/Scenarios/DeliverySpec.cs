using MQTTnet.Protocol;
using UnsMes.Bench.Load;

namespace UnsMes.Bench.Scenarios;

/// <summary>A delivery scenario: who publishes what to whom, how much, and optionally at what total rate.</summary>
internal sealed record DeliverySpec(
    string Name,
    string Kind,
    int Publishers,
    int Subscribers,
    MqttQualityOfServiceLevel Qos,
    Func<IMessageShape> Shape,
    int MessagesPerPublisher,
    double? TotalRate = null,
    string? Note = null)
{
    public long Expected => (long)Publishers * MessagesPerPublisher * Subscribers;
}

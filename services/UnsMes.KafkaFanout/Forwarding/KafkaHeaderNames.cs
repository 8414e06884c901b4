namespace UnsMes.KafkaFanout.Forwarding;

/// <summary>
/// Kafka header names the fan-out writes (documented in uns-topics.md). MQTT user properties travel under their
/// own names, so the W3C <c>traceparent</c>/<c>tracestate</c> a publisher set reach Kafka consumers unchanged.
/// </summary>
public static class KafkaHeaderNames
{
    public const string UnsPath = "uns-path";
    public const string UnsContract = "uns-contract";
    public const string MqttQos = "mqtt-qos";
    public const string MqttRetain = "mqtt-retain";
    public const string ContentType = "content-type";
    public const string MqttPayloadFormat = "mqtt-payload-format";
    public const string MqttResponseTopic = "mqtt-response-topic";
    public const string MqttCorrelationData = "mqtt-correlation-data";
    public const string MqttMessageExpiry = "mqtt-message-expiry";
    public const string TraceParent = "traceparent";
}

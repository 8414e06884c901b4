using System.Text.Json.Serialization;

namespace UnsMes.Dashboard.Live;

/// <summary>
/// One message as the browser gets it: the topic, the payload as it arrived (JSON text), whether it was retained,
/// and when the dashboard received it (epoch ms). The payload is kept as text so nothing is lost in translation.
/// </summary>
public sealed record LiveMessage(
    [property: JsonPropertyName("topic")] string Topic,
    [property: JsonPropertyName("payload")] string Payload,
    [property: JsonPropertyName("retained")] bool Retained,
    [property: JsonPropertyName("receivedTs")] long ReceivedTs);

using System.Buffers;
using System.Globalization;
using System.Text;
using System.Text.Json;
using Confluent.Kafka;
using MQTTnet;
using MQTTnet.Protocol;

namespace UnsMes.KafkaFanout.Forwarding;

/// <summary>
/// Turns an MQTT message into a Kafka record: key = UNS path (so one asset's messages stay in one partition, in
/// order), MQTT properties and the UNS path as headers, payload unchanged or in the configured JSON envelope.
/// </summary>
public sealed class KafkaRecordBuilder(KafkaEnvelope envelope, TimeProvider time)
{
    private static readonly byte[] True = "true"u8.ToArray();
    private static readonly byte[] False = "false"u8.ToArray();
    private static readonly byte[][] QosText = ["0"u8.ToArray(), "1"u8.ToArray(), "2"u8.ToArray()];

    public Message<byte[], byte[]> Build(MqttApplicationMessage message)
    {
        var topic = message.Topic;
        // The key and the uns-path header are the same bytes; neither is changed once built.
        var path = Encoding.UTF8.GetBytes(topic);
        var headers = new Headers
        {
            { KafkaHeaderNames.UnsPath, path },
            { KafkaHeaderNames.MqttQos, QosText[(int)message.QualityOfServiceLevel] },
            { KafkaHeaderNames.MqttRetain, message.Retain ? True : False },
        };
        var contract = ContractSegment(topic);
        if (contract is not null)
        {
            headers.Add(KafkaHeaderNames.UnsContract, Encoding.UTF8.GetBytes(contract));
        }

        if (message.ContentType is { Length: > 0 } contentType)
        {
            headers.Add(KafkaHeaderNames.ContentType, Encoding.UTF8.GetBytes(contentType));
        }

        if (message.PayloadFormatIndicator == MqttPayloadFormatIndicator.CharacterData)
        {
            headers.Add(KafkaHeaderNames.MqttPayloadFormat, "utf-8"u8.ToArray());
        }

        if (message.ResponseTopic is { Length: > 0 } responseTopic)
        {
            headers.Add(KafkaHeaderNames.MqttResponseTopic, Encoding.UTF8.GetBytes(responseTopic));
        }

        if (message.CorrelationData is { Length: > 0 } correlation)
        {
            headers.Add(KafkaHeaderNames.MqttCorrelationData, correlation);
        }

        if (message.MessageExpiryInterval > 0)
        {
            headers.Add(KafkaHeaderNames.MqttMessageExpiry, Encoding.UTF8.GetBytes(message.MessageExpiryInterval.ToString(CultureInfo.InvariantCulture)));
        }

        if (message.UserProperties is { Count: > 0 } properties)
        {
            foreach (var property in properties)
            {
                headers.Add(property.Name, property.ValueBuffer.ToArray());
            }
        }

        return new Message<byte[], byte[]>
        {
            Key = path,
            Value = envelope == KafkaEnvelope.Json ? Envelope(message) : message.Payload.ToArray(),
            Headers = headers,
        };
    }

    /// <summary>Key, value and headers: what counts against Kafka's record size limit (framing aside).</summary>
    public static int SizeOf(Message<byte[], byte[]> record)
    {
        var size = record.Key.Length + record.Value.Length;
        foreach (var header in record.Headers)
        {
            size += header.Key.Length + header.GetValueBytes().Length;
        }

        return size;
    }

    private static string? ContractSegment(string topic)
    {
        if (!topic.StartsWith("uns/v1/", StringComparison.Ordinal))
        {
            return null;
        }

        var start = topic.IndexOf("/_", StringComparison.Ordinal);
        if (start < 0)
        {
            return null;
        }

        var end = topic.IndexOf('/', start + 1);
        return end < 0 ? topic[(start + 1)..] : topic[(start + 1)..end];
    }

    private byte[] Envelope(MqttApplicationMessage message)
    {
        var buffer = new ArrayBufferWriter<byte>((int)message.Payload.Length + 256);
        using (var writer = new Utf8JsonWriter(buffer))
        {
            writer.WriteStartObject();
            writer.WriteString("topic", message.Topic);
            writer.WriteBoolean("retain", message.Retain);
            writer.WriteNumber("receivedTs", time.GetUtcNow().ToUnixTimeMilliseconds());
            var payload = message.Payload.ToArray();
            if (IsJson(payload))
            {
                writer.WritePropertyName("payload");
                writer.WriteRawValue(payload, skipInputValidation: true);
            }
            else
            {
                writer.WriteBase64String("payloadBase64", payload);
            }

            writer.WriteEndObject();
        }

        return buffer.WrittenSpan.ToArray();
    }

    private static bool IsJson(byte[] payload)
    {
        if (payload.Length == 0)
        {
            return false;
        }

        try
        {
            using var document = JsonDocument.Parse(payload);
            return true;
        }
        catch (JsonException)
        {
            return false;
        }
    }
}

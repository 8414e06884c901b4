using System.Text;
using System.Text.Json;
using Microsoft.Extensions.Time.Testing;
using MQTTnet;
using UnsMes.KafkaFanout.Forwarding;

namespace UnsMes.KafkaFanout.Tests.Mapping;

public sealed class KafkaRecordBuilderTests
{
    private readonly FakeTimeProvider _time = new(DateTimeOffset.FromUnixTimeMilliseconds(1_700_000_000_000));

    [Test]
    public void Build_JsonEnvelope_WrapsJsonPayloadInlineWithTopicAndReceiveTime()
    {
        var record = new KafkaRecordBuilder(KafkaEnvelope.Json, _time).Build(
            new MqttApplicationMessageBuilder().WithTopic("uns/v1/a/s/_workorder/WO-1").WithPayload("""{"qty":5}""").WithRetainFlag().Build());

        using var envelope = JsonDocument.Parse(record.Value);
        Assert.Multiple(() =>
        {
            Assert.That(envelope.RootElement.GetProperty("topic").GetString(), Is.EqualTo("uns/v1/a/s/_workorder/WO-1"));
            Assert.That(envelope.RootElement.GetProperty("retain").GetBoolean(), Is.True);
            Assert.That(envelope.RootElement.GetProperty("receivedTs").GetInt64(), Is.EqualTo(1_700_000_000_000));
            Assert.That(envelope.RootElement.GetProperty("payload").GetProperty("qty").GetInt32(), Is.EqualTo(5));
        });
    }

    [Test]
    public void Build_JsonEnvelopeWithBinaryPayload_CarriesItAsBase64()
    {
        var record = new KafkaRecordBuilder(KafkaEnvelope.Json, _time).Build(
            new MqttApplicationMessageBuilder().WithTopic("uns/v1/a/s/a/l/c/_tag/raw").WithPayload(new byte[] { 0, 1, 2, 255 }).Build());

        using var envelope = JsonDocument.Parse(record.Value);
        Assert.That(envelope.RootElement.GetProperty("payloadBase64").GetBytesFromBase64(), Is.EqualTo(new byte[] { 0, 1, 2, 255 }));
    }

    [Test]
    public void Build_NoEnvelope_PayloadBytesUnchangedAndKeyIsTheUnsPath()
    {
        var payload = new byte[] { 0x7b, 0x7d, 0x00, 0xff };
        var record = new KafkaRecordBuilder(KafkaEnvelope.None, _time).Build(
            new MqttApplicationMessageBuilder().WithTopic("uns/v1/a/s/a/l/c/_count").WithPayload(payload).Build());

        Assert.That(record.Value, Is.EqualTo(payload));
        Assert.That(Encoding.UTF8.GetString(record.Key), Is.EqualTo("uns/v1/a/s/a/l/c/_count"));
    }
}

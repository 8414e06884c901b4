using System.Diagnostics.Metrics;

namespace UnsMes.KafkaFanout.Health;

/// <summary>The fan-out's instruments (exported on /metrics and OTLP through the service defaults).</summary>
internal static class FanoutMetrics
{
    public const string MeterName = "UnsMes.KafkaFanout";

    public static readonly Meter Meter = new(MeterName);

    public static readonly Counter<long> Received = Meter.CreateCounter<long>("kafka_fanout.received", "{message}", "MQTT messages taken in");
    public static readonly Counter<long> Delivered = Meter.CreateCounter<long>("kafka_fanout.delivered", "{message}", "records Kafka confirmed");
    public static readonly Counter<long> DeadLettered = Meter.CreateCounter<long>("kafka_fanout.dead_lettered", "{message}", "messages dead-lettered, by reason kind");
    public static readonly Counter<long> Retried = Meter.CreateCounter<long>("kafka_fanout.retried", "{message}", "records produced again after a transient Kafka error");
    public static readonly Counter<long> InboundPublished = Meter.CreateCounter<long>("kafka_fanout.inbound_published", "{message}", "Kafka records published into the namespace");
}

using Microsoft.Extensions.Logging;

namespace UnsMes.KafkaFanout;

internal static partial class FanoutLog
{
    [LoggerMessage(EventId = 8001, Level = LogLevel.Debug, Message = "librdkafka {Facility}: {Text}")]
    public static partial void Librdkafka(ILogger logger, string facility, string text);

    [LoggerMessage(EventId = 8002, Level = LogLevel.Warning, Message = "Kafka client error {Code}: {Reason} (fatal: {Fatal})")]
    public static partial void KafkaError(ILogger logger, string code, string reason, bool fatal);

    [LoggerMessage(EventId = 8003, Level = LogLevel.Debug, Message = "Producing {MqttTopic} to {KafkaTopic} again after {Code} (attempt {Attempt})")]
    public static partial void Retrying(ILogger logger, string mqttTopic, string kafkaTopic, Confluent.Kafka.ErrorCode code, int attempt);

    [LoggerMessage(EventId = 8004, Level = LogLevel.Warning, Message = "Dead-lettered {MqttTopic}: {Reason}")]
    public static partial void DeadLettered(ILogger logger, string mqttTopic, string reason);

    [LoggerMessage(EventId = 8005, Level = LogLevel.Information, Message = "Ingest connection {ClientId} connected to {Host}:{Port} (session present: {SessionPresent})")]
    public static partial void IngestConnected(ILogger logger, string clientId, string host, int port, bool sessionPresent);

    [LoggerMessage(EventId = 8006, Level = LogLevel.Warning, Message = "Ingest connection {ClientId} to {Host}:{Port} failed: {Reason}")]
    public static partial void IngestConnectFailed(ILogger logger, string clientId, string host, int port, string reason);

    [LoggerMessage(EventId = 8007, Level = LogLevel.Warning, Message = "Subscription {Filter} refused: {Code}")]
    public static partial void SubscribeRefused(ILogger logger, string filter, string code);

    [LoggerMessage(EventId = 8008, Level = LogLevel.Warning, Message = "Kafka is unreachable: {Reason}; messages wait (unacknowledged) until it returns")]
    public static partial void KafkaUnreachable(ILogger logger, string reason);

    [LoggerMessage(EventId = 8017, Level = LogLevel.Information, Message = "Kafka is reachable")]
    public static partial void KafkaReachable(ILogger logger);

    [LoggerMessage(EventId = 8009, Level = LogLevel.Information, Message = "Kafka topic {Topic} created ({Partitions} partitions, compacted: {Compact})")]
    public static partial void TopicCreated(ILogger logger, string topic, int partitions, bool compact);

    [LoggerMessage(EventId = 8010, Level = LogLevel.Warning, Message = "Kafka topic {Topic} was not created: {Reason}")]
    public static partial void TopicNotCreated(ILogger logger, string topic, Confluent.Kafka.Error reason);

    [LoggerMessage(EventId = 8011, Level = LogLevel.Warning, Message = "Inbound record {KafkaTopic}[{Partition}]@{Offset} not published yet: {Reason}")]
    public static partial void InboundRetry(ILogger logger, string kafkaTopic, int partition, long offset, string reason);

    [LoggerMessage(EventId = 8012, Level = LogLevel.Warning, Message = "Could not acknowledge an MQTT message on {ClientId} (it will be redelivered): {Reason}")]
    public static partial void AckFailed(ILogger logger, string clientId, string reason);

    [LoggerMessage(EventId = 8013, Level = LogLevel.Warning, Message = "Publishing a dead letter for {MqttTopic} failed: {Reason}")]
    public static partial void DeadLetterFailed(ILogger logger, string mqttTopic, string reason);

    [LoggerMessage(EventId = 8014, Level = LogLevel.Warning, Message = "Publishing the fan-out's status failed: {Reason}")]
    public static partial void StatusFailed(ILogger logger, string reason);

    [LoggerMessage(EventId = 8015, Level = LogLevel.Warning, Message = "Inbound record {KafkaTopic}[{Partition}]@{Offset} dead-lettered: {Reason}")]
    public static partial void InboundDeadLettered(ILogger logger, string kafkaTopic, int partition, long offset, string reason);

    [LoggerMessage(EventId = 8016, Level = LogLevel.Warning, Message = "The broker has no shared subscriptions: {ClientId} subscribes plainly (every replica now receives every message; run one)")]
    public static partial void SharedSubscriptionsUnsupported(ILogger logger, string clientId);
}

using Confluent.Kafka;

namespace UnsMes.KafkaFanout.Forwarding;

/// <summary>librdkafka settings built from the options: the lossless producer, the inbound consumer, the admin client.</summary>
public static class KafkaClientConfigs
{
    public static ProducerConfig Producer(KafkaFanoutOptions options, string clientId)
    {
        var config = new ProducerConfig(Extra(options))
        {
            BootstrapServers = options.BootstrapServers,
            ClientId = clientId,
            // Lossless: every in-sync replica has the record before it counts as delivered, and retries never
            // duplicate or reorder within a partition.
            EnableIdempotence = true,
            Acks = Acks.All,
            LingerMs = options.LingerMs,
            BatchSize = options.BatchSizeBytes,
            CompressionType = Compression(options.Compression),
            // 0 = retry until Kafka confirms: an outage holds records (within the in-flight window) instead of failing them.
            MessageTimeoutMs = options.DeliveryTimeoutMs,
            MessageMaxBytes = options.MaxMessageBytes + 65_536,
            // The in-flight window, not librdkafka's queue, is the bound: its queue must never refuse what the window allows.
            QueueBufferingMaxMessages = Math.Max(options.MaxInFlight * 2, 100_000),
            QueueBufferingMaxKbytes = 2_097_151,
            SocketNagleDisable = true,
            // Delivery reports carry only the outcome: the fan-out still holds the message, and copying the key,
            // value and headers back out of librdkafka for every record costs more than producing it.
            DeliveryReportFields = "none",
        };
        return config;
    }

    public static ConsumerConfig Consumer(KafkaFanoutOptions options, string clientId) => new(Extra(options))
    {
        BootstrapServers = options.BootstrapServers,
        ClientId = clientId,
        GroupId = options.Inbound.GroupId,
        AutoOffsetReset = AutoOffsetReset.Earliest,
        // Offsets are stored by hand after the MQTT publish succeeded; only stored offsets are ever committed.
        EnableAutoOffsetStore = false,
        EnableAutoCommit = true,
        AutoCommitIntervalMs = options.Inbound.CommitIntervalMs,
    };

    public static AdminClientConfig Admin(KafkaFanoutOptions options, string clientId) => new(Extra(options))
    {
        BootstrapServers = options.BootstrapServers,
        ClientId = clientId,
    };

    private static Dictionary<string, string> Extra(KafkaFanoutOptions options) => new(options.Settings);

    private static CompressionType Compression(KafkaCompression compression) => compression switch
    {
        KafkaCompression.Gzip => CompressionType.Gzip,
        KafkaCompression.Snappy => CompressionType.Snappy,
        KafkaCompression.Lz4 => CompressionType.Lz4,
        KafkaCompression.Zstd => CompressionType.Zstd,
        _ => CompressionType.None,
    };
}

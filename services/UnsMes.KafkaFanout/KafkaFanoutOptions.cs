using System.ComponentModel.DataAnnotations;
using UnsMes.KafkaFanout.Mapping;

namespace UnsMes.KafkaFanout;

/// <summary>
/// The fan-out's settings, bound from the <c>Kafka</c> section and validated at start. Nothing runs unless
/// <see cref="BootstrapServers"/> is set (environment <c>Kafka__BootstrapServers</c> or configuration).
/// </summary>
public sealed class KafkaFanoutOptions
{
    public const string SectionName = "Kafka";

    /// <summary>The Kafka cluster (<c>host:port,host:port</c>); empty leaves the fan-out off.</summary>
    public string? BootstrapServers { get; set; }

    /// <summary>Namespace filters forwarded to Kafka; empty means <c>uns/v1/#</c>.</summary>
    public List<string> Filters { get; set; } = [];

    /// <summary>
    /// The MQTT 5 shared-subscription group: every replica subscribes <c>$share/{group}/{filter}</c> and the broker
    /// splits the messages between them. Empty subscribes plainly (every replica gets everything).
    /// </summary>
    public string ShareGroup { get; set; } = "kafka-fanout";

    /// <summary>MQTT connections this replica takes in the shared subscription (more connections, more throughput).</summary>
    [Range(1, 64)]
    public int IngestConnections { get; set; } = 1;

    /// <summary>MQTT client id prefix of the ingest connections; stable across restarts so unacknowledged messages are redelivered.</summary>
    public string? IngestClientId { get; set; }

    /// <summary>Which Kafka topic a namespace topic goes to; first match wins. Empty means <see cref="DefaultRoutes.All"/>.</summary>
    public List<KafkaRouteRule> Routes { get; set; } = [];

    /// <summary>Payloads pass through unchanged (<see cref="KafkaEnvelope.None"/>) or wrapped in a JSON envelope.</summary>
    public KafkaEnvelope Envelope { get; set; } = KafkaEnvelope.None;

    /// <summary>Messages handed to Kafka and not yet confirmed; when full, the MQTT side waits (backpressure).</summary>
    [Range(1, 1_000_000)]
    public int MaxInFlight { get; set; } = 20_000;

    [Range(0, 60_000)]
    public int LingerMs { get; set; } = 5;

    /// <summary>Largest batch per partition in bytes (librdkafka <c>batch.size</c>).</summary>
    [Range(1, 100_000_000)]
    public int BatchSizeBytes { get; set; } = 1_000_000;

    public KafkaCompression Compression { get; set; } = KafkaCompression.Lz4;

    /// <summary>A record larger than this (key, headers and payload) is dead-lettered instead of sent.</summary>
    [Range(1024, 100_000_000)]
    public int MaxMessageBytes { get; set; } = 1_000_000;

    /// <summary>How long the producer keeps retrying one record; 0 retries until Kafka confirms it (lossless).</summary>
    [Range(0, int.MaxValue)]
    public int DeliveryTimeoutMs { get; set; }

    /// <summary>Create missing Kafka topics at start (where the cluster allows it).</summary>
    public bool CreateTopics { get; set; } = true;

    [Range(1, 10_000)]
    public int Partitions { get; set; } = 6;

    /// <summary>Replication of created topics; -1 takes the cluster's default.</summary>
    [Range(-1, 32)]
    public short ReplicationFactor { get; set; } = -1;

    /// <summary>How often Kafka's reachability is probed and the retained status refreshed.</summary>
    [Range(1, 3600)]
    public int StatusIntervalSeconds { get; set; } = 5;

    /// <summary>Further librdkafka settings for the producer, consumer and admin client (security, timeouts, ...).</summary>
    public Dictionary<string, string> Settings { get; set; } = [];

    /// <summary>The optional direction Kafka → MQTT.</summary>
    public KafkaInboundOptions Inbound { get; set; } = new();

    public bool Enabled => !string.IsNullOrWhiteSpace(BootstrapServers);

    public IReadOnlyList<string> EffectiveFilters => Filters.Count == 0 ? ["uns/v1/#"] : Filters;

    public IReadOnlyList<KafkaRouteRule> EffectiveRoutes => Routes.Count == 0 ? DefaultRoutes.All : Routes;
}

/// <summary>Kafka topics published back into the namespace; each record's UNS topic comes from its key or a header.</summary>
public sealed class KafkaInboundOptions
{
    public List<string> Topics { get; set; } = [];

    [Required]
    public string GroupId { get; set; } = "unsmes-kafka-fanout";

    /// <summary>Where a record says which namespace topic it belongs on.</summary>
    public InboundTopicSource TopicFrom { get; set; } = InboundTopicSource.Header;

    /// <summary>How often offsets of published records are committed.</summary>
    [Range(10, 60_000)]
    public int CommitIntervalMs { get; set; } = 500;

    public bool Enabled => Topics.Count > 0;
}

public enum InboundTopicSource
{
    /// <summary>The <c>uns-path</c> header (the fan-out's own header name), falling back to the key.</summary>
    Header,

    /// <summary>The record key.</summary>
    Key,
}

public enum KafkaEnvelope
{
    /// <summary>The MQTT payload as it is; everything else travels in headers.</summary>
    None,

    /// <summary>A JSON object with the UNS path, retain flag, receive time and the payload (JSON inline, else base64).</summary>
    Json,
}

public enum KafkaCompression
{
    None,
    Gzip,
    Snappy,
    Lz4,
    Zstd,
}

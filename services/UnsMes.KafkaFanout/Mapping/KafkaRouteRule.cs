using System.ComponentModel.DataAnnotations;

namespace UnsMes.KafkaFanout.Mapping;

/// <summary>
/// One mapping rule: namespace topics of these contract segments (and/or under these filters) go to this Kafka topic.
/// The topic may use <c>{contract}</c> (the segment without its underscore), <c>{enterprise}</c> and <c>{site}</c>.
/// </summary>
public sealed class KafkaRouteRule
{
    [Required]
    public string Topic { get; set; } = "";

    /// <summary>Contract segments such as <c>_tag</c>, <c>_event</c>; empty matches every segment.</summary>
    public List<string> Contracts { get; set; } = [];

    /// <summary>MQTT filters such as <c>uns/v1/acme/#</c>; empty matches every topic.</summary>
    public List<string> Filters { get; set; } = [];

    /// <summary>A "latest value" topic: created with <c>cleanup.policy=compact</c> (the key is the UNS path).</summary>
    public bool Compact { get; set; }

    /// <summary>Partitions when the topic is created; empty takes <see cref="KafkaFanoutOptions.Partitions"/>.</summary>
    public int? Partitions { get; set; }
}

namespace UnsMes.KafkaFanout.Mapping;

/// <summary>Where one namespace topic goes: the Kafka topic, or why it goes nowhere.</summary>
public readonly record struct KafkaRoute(string? Topic, string? Problem)
{
    public bool IsMapped => Topic is not null;

    public static KafkaRoute To(string topic) => new(topic, null);

    public static KafkaRoute Unmapped(string problem) => new(null, problem);
}

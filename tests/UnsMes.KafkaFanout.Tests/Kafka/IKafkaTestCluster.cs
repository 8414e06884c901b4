namespace UnsMes.KafkaFanout.Tests.Kafka;

/// <summary>A Kafka cluster a test talks to over the wire: librdkafka's mock cluster, or real Apache Kafka in a container.</summary>
public interface IKafkaTestCluster : IAsyncDisposable
{
    string BootstrapServers { get; }

    Task CreateTopicAsync(string topic, int partitions);

    /// <summary>Makes the cluster refuse every record for this topic.</summary>
    Task RejectTopicAsync(string topic);

    /// <summary>Kafka becomes unreachable (connections refused or stalled) until <see cref="ComeBackAsync"/>.</summary>
    Task GoDownAsync();

    Task ComeBackAsync();
}

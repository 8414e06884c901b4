using UnsMes.KafkaFanout.Tests.Kafka;

namespace UnsMes.KafkaFanout.Tests;

public enum ClusterKind
{
    /// <summary>librdkafka's mock cluster: always available, runs in CI.</summary>
    LibrdkafkaMock,

    /// <summary>Real Apache Kafka through Testcontainers: only where a Docker engine exists.</summary>
    ApacheKafkaContainer,
}

public static class ClusterStarter
{
    public static async Task<IKafkaTestCluster> StartAsync(ClusterKind kind) => kind switch
    {
        ClusterKind.ApacheKafkaContainer => await ContainerKafkaCluster.StartOrIgnoreAsync(),
        _ => new MockKafkaCluster(),
    };
}

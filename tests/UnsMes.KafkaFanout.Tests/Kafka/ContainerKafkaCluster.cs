using Confluent.Kafka;
using Confluent.Kafka.Admin;
using DotNet.Testcontainers.Builders;
using Testcontainers.Kafka;

namespace UnsMes.KafkaFanout.Tests.Kafka;

/// <summary>Real Apache Kafka in a container (Testcontainers), where a Docker engine exists.</summary>
public sealed class ContainerKafkaCluster : IKafkaTestCluster
{
    public const string Image = "apache/kafka:3.9.1";

    private readonly KafkaContainer _container;

    private ContainerKafkaCluster(KafkaContainer container) => _container = container;

    public string BootstrapServers => _container.GetBootstrapAddress();

    /// <summary>Starts the container, or reports the test skipped (with the reason) when no Docker engine answers.</summary>
    public static async Task<ContainerKafkaCluster> StartOrIgnoreAsync()
    {
        KafkaContainer container;
        try
        {
            container = new KafkaBuilder(Image).Build();
            await container.StartAsync();
        }
        catch (DockerUnavailableException ex)
        {
            Assert.Ignore($"No Docker engine, so no real Apache Kafka here ({ex.Message.Split('\n')[0]}); the librdkafka mock cluster fixture covers the same tests.");
            throw;
        }

        return new ContainerKafkaCluster(container);
    }

    public Task CreateTopicAsync(string topic, int partitions) => CreateAsync(topic, partitions, null);

    /// <summary>A topic whose records may be at most 64 bytes: the cluster refuses every ordinary record.</summary>
    public Task RejectTopicAsync(string topic) =>
        CreateAsync(topic, 1, new Dictionary<string, string> { ["max.message.bytes"] = "64" });

    public Task GoDownAsync() => _container.PauseAsync();

    public Task ComeBackAsync() => _container.UnpauseAsync();

    public ValueTask DisposeAsync() => _container.DisposeAsync();

    private async Task CreateAsync(string topic, int partitions, Dictionary<string, string>? configs)
    {
        using var admin = new AdminClientBuilder(new AdminClientConfig { BootstrapServers = BootstrapServers }).Build();
        await admin.CreateTopicsAsync([new TopicSpecification { Name = topic, NumPartitions = partitions, ReplicationFactor = 1, Configs = configs }]);
    }
}

namespace UnsMes.KafkaFanout.Tests.Kafka;

/// <summary>The suite's always-available cluster: librdkafka's mock cluster (3 brokers) in this process.</summary>
public sealed class MockKafkaCluster : IKafkaTestCluster
{
    /// <summary>Kafka's TOPIC_AUTHORIZATION_FAILED: the cluster refuses the topic.</summary>
    private const int TopicAuthorizationFailed = 29;

    private readonly LibrdkafkaMockCluster _cluster = LibrdkafkaMockCluster.Start(brokers: 3);

    public string BootstrapServers => _cluster.BootstrapServers;

    public LibrdkafkaMockCluster Mock => _cluster;

    public Task CreateTopicAsync(string topic, int partitions)
    {
        _cluster.CreateTopic(topic, partitions, replicationFactor: 3);
        return Task.CompletedTask;
    }

    public Task RejectTopicAsync(string topic)
    {
        _cluster.CreateTopic(topic, 1, 1);
        _cluster.SetTopicError(topic, TopicAuthorizationFailed);
        return Task.CompletedTask;
    }

    public Task GoDownAsync()
    {
        _cluster.SetAllBrokersDown();
        return Task.CompletedTask;
    }

    public Task ComeBackAsync()
    {
        _cluster.SetAllBrokersUp();
        return Task.CompletedTask;
    }

    public ValueTask DisposeAsync()
    {
        _cluster.Dispose();
        return ValueTask.CompletedTask;
    }
}

using Confluent.Kafka;

namespace UnsMes.KafkaFanout.Tests.Kafka;

/// <summary>Reads a topic from the beginning with a Confluent.Kafka consumer (assigned partitions, no group).</summary>
public static class KafkaReader
{
    public static List<ConsumeResult<byte[], byte[]>> Read(string bootstrap, string topic, int partitions, int expected, TimeSpan? timeout = null) =>
        ReadUntil(bootstrap, topic, partitions, results => results.Count >= expected, timeout);

    /// <summary>Reads until <paramref name="done"/> says enough arrived, or the timeout passed.</summary>
    public static List<ConsumeResult<byte[], byte[]>> ReadUntil(string bootstrap, string topic, int partitions, Func<List<ConsumeResult<byte[], byte[]>>, bool> done, TimeSpan? timeout = null)
    {
        using var consumer = new ConsumerBuilder<byte[], byte[]>(new ConsumerConfig
        {
            BootstrapServers = bootstrap,
            GroupId = $"reader-{Guid.NewGuid():N}",
            EnableAutoCommit = false,
            EnablePartitionEof = false,
        }).Build();
        consumer.Assign(Enumerable.Range(0, partitions).Select(p => new TopicPartitionOffset(topic, p, Offset.Beginning)));
        var results = new List<ConsumeResult<byte[], byte[]>>();
        var deadline = DateTime.UtcNow + (timeout ?? TimeSpan.FromSeconds(30));
        while (!done(results) && DateTime.UtcNow < deadline)
        {
            var result = consumer.Consume(TimeSpan.FromMilliseconds(200));
            if (result?.Message is not null)
            {
                results.Add(result);
            }
        }

        consumer.Close();
        return results;
    }

    public static string Text(byte[] bytes) => System.Text.Encoding.UTF8.GetString(bytes);

    public static string? Header(ConsumeResult<byte[], byte[]> result, string name) =>
        result.Message.Headers.TryGetLastBytes(name, out var value) ? Text(value) : null;
}

using Confluent.Kafka;
using Confluent.Kafka.Admin;
using UnsMes.KafkaFanout.Mapping;

namespace UnsMes.KafkaFanout.Topics;

/// <summary>
/// Creates the routes' Kafka topics that are missing (partitions, replication, <c>cleanup.policy=compact</c> for
/// latest-value topics). A cluster that refuses (no rights, auto-managed topics, a mock) is logged, not fatal.
/// </summary>
internal sealed class TopicProvisioner(KafkaFanoutOptions options, TopicMapper mapper, ILogger<TopicProvisioner> logger)
{
    /// <summary>Returns true once every fixed topic exists or was tried; false when the cluster could not be asked.</summary>
    public async Task<bool> EnsureAsync(IAdminClient admin)
    {
        Metadata metadata;
        try
        {
            metadata = await Task.Run(() => admin.GetMetadata(TimeSpan.FromSeconds(5)));
        }
        catch (KafkaException)
        {
            return false;
        }

        var existing = metadata.Topics.Where(t => !t.Error.IsError).Select(t => t.Topic).ToHashSet(StringComparer.Ordinal);
        var missing = mapper.FixedTopics
            .GroupBy(r => r.Topic, StringComparer.Ordinal)
            .Select(g => g.First())
            .Where(r => !existing.Contains(r.Topic))
            .Select(Specification)
            .ToList();
        if (missing.Count == 0)
        {
            return true;
        }

        try
        {
            await admin.CreateTopicsAsync(missing, new CreateTopicsOptions { RequestTimeout = TimeSpan.FromSeconds(10) });
            foreach (var topic in missing)
            {
                FanoutLog.TopicCreated(logger, topic.Name, topic.NumPartitions, topic.Configs is not null);
            }
        }
        catch (CreateTopicsException ex)
        {
            foreach (var result in ex.Results)
            {
                if (result.Error.Code == ErrorCode.TopicAlreadyExists)
                {
                    continue;
                }

                if (result.Error.IsError)
                {
                    FanoutLog.TopicNotCreated(logger, result.Topic, result.Error);
                }
                else
                {
                    var created = missing.First(m => m.Name == result.Topic);
                    FanoutLog.TopicCreated(logger, result.Topic, created.NumPartitions, created.Configs is not null);
                }
            }
        }
        catch (KafkaException ex)
        {
            foreach (var topic in missing)
            {
                FanoutLog.TopicNotCreated(logger, topic.Name, ex.Error);
            }
        }

        return true;
    }

    private TopicSpecification Specification(KafkaRouteRule rule) => new()
    {
        Name = rule.Topic,
        NumPartitions = rule.Partitions ?? options.Partitions,
        ReplicationFactor = options.ReplicationFactor,
        Configs = rule.Compact ? new Dictionary<string, string> { ["cleanup.policy"] = "compact" } : null,
    };
}

using System.Collections.Concurrent;
using UnsMes.Uns.Topics;

namespace UnsMes.KafkaFanout.Mapping;

/// <summary>
/// Maps namespace topics to Kafka topics by the configured rules (first match wins). Answers are cached per topic:
/// a plant has many assets but a bounded set of topics, and the same topics repeat at high rates.
/// </summary>
public sealed class TopicMapper
{
    /// <summary>Kafka's own limit on topic names.</summary>
    public const int MaxKafkaTopicLength = 249;

    private const int MaxCachedTopics = 200_000;

    private readonly IReadOnlyList<KafkaRouteRule> _rules;
    private readonly ConcurrentDictionary<string, KafkaRoute> _cache = new(StringComparer.Ordinal);

    public TopicMapper(IReadOnlyList<KafkaRouteRule> rules)
    {
        foreach (var rule in rules)
        {
            foreach (var filter in rule.Filters)
            {
                var problem = TopicFilter.Problem(filter);
                if (problem is not null)
                {
                    throw new ArgumentException($"Kafka route to '{rule.Topic}': filter '{filter}': {problem}", nameof(rules));
                }
            }

            if (!rule.Topic.Contains('{', StringComparison.Ordinal) && KafkaTopicProblem(rule.Topic) is { } topicProblem)
            {
                throw new ArgumentException($"Kafka route: {topicProblem}", nameof(rules));
            }
        }

        _rules = rules;
    }

    /// <summary>The Kafka topics the rules name (templated ones are known only when a message arrives).</summary>
    public IEnumerable<KafkaRouteRule> FixedTopics => _rules.Where(r => !r.Topic.Contains('{', StringComparison.Ordinal));

    public KafkaRoute Map(string mqttTopic)
    {
        if (_cache.TryGetValue(mqttTopic, out var cached))
        {
            return cached;
        }

        var route = Resolve(mqttTopic);
        if (_cache.Count >= MaxCachedTopics)
        {
            _cache.Clear();
        }

        _cache[mqttTopic] = route;
        return route;
    }

    /// <summary>Why a name is not a legal Kafka topic, or null.</summary>
    public static string? KafkaTopicProblem(string name)
    {
        if (name.Length is 0 or > MaxKafkaTopicLength || name is "." or "..")
        {
            return $"'{name}' is not a legal Kafka topic name (1-{MaxKafkaTopicLength} characters, not '.' or '..')";
        }

        foreach (var c in name)
        {
            if (!(char.IsAsciiLetterOrDigit(c) || c is '.' or '_' or '-'))
            {
                return $"'{name}' is not a legal Kafka topic name (only letters, digits, '.', '_' and '-')";
            }
        }

        return null;
    }

    private KafkaRoute Resolve(string mqttTopic)
    {
        var segments = mqttTopic.Split('/');
        var contractIndex = segments.Length > 2 && segments[0] == "uns" && segments[1] == "v1"
            ? Array.FindIndex(segments, 2, s => s.StartsWith('_'))
            : -1;
        var contract = contractIndex < 0 ? null : segments[contractIndex];
        foreach (var rule in _rules)
        {
            if (rule.Contracts.Count > 0 && (contract is null || !rule.Contracts.Contains(contract, StringComparer.Ordinal)))
            {
                continue;
            }

            if (rule.Filters.Count > 0 && !rule.Filters.Any(f => TopicFilter.Matches(f, mqttTopic)))
            {
                continue;
            }

            var topic = Expand(rule.Topic, contract, segments, contractIndex);
            if (topic is null)
            {
                return KafkaRoute.Unmapped($"the route '{rule.Topic}' needs a namespace topic with an ISA-95 path and contract segment");
            }

            return KafkaTopicProblem(topic) is { } problem ? KafkaRoute.Unmapped(problem) : KafkaRoute.To(topic);
        }

        return KafkaRoute.Unmapped(contract is null
            ? "no Kafka route maps this topic (it is not a namespace topic with a contract segment)"
            : $"no Kafka route maps the contract segment '{contract}'");
    }

    private static string? Expand(string template, string? contract, string[] segments, int contractIndex)
    {
        if (!template.Contains('{', StringComparison.Ordinal))
        {
            return template;
        }

        var depth = contractIndex - 2;
        string? Level(int i) => contract is not null && depth > i ? segments[2 + i] : null;
        var replacements = new (string Name, string? Value)[]
        {
            ("{contract}", contract?.TrimStart('_')),
            ("{enterprise}", Level(0)),
            ("{site}", Level(1)),
        };
        var result = template;
        foreach (var (name, value) in replacements)
        {
            if (result.Contains(name, StringComparison.Ordinal))
            {
                if (value is null)
                {
                    return null;
                }

                result = result.Replace(name, value, StringComparison.Ordinal);
            }
        }

        return result;
    }
}

using System.Buffers;
using Microsoft.Extensions.Options;
using MQTTnet;
using MQTTnet.Protocol;
using UnsMes.Broker.Security;
using UnsMes.Uns.Topics;
using UnsMes.Uns.Validation;

namespace UnsMes.Broker.Publishing;

/// <summary>
/// The checks every incoming publish passes, cheapest first: size and depth limits, the sender's ACL, then the
/// namespace contract for <c>uns/...</c> topics.
/// </summary>
internal sealed class PublishGate(IOptions<BrokerOptions> options, AccessControl access, TimeProvider time)
{
    private const int MaxCachedTopics = 200_000;

    private readonly BrokerOptions _options = options.Value;
    private readonly UnsPayloadValidator _validator = new(time, TimeSpan.FromSeconds(options.Value.FutureTimestampToleranceSeconds));
    private readonly TopicCache<TopicVerdict> _topics = new(MaxCachedTopics);

    public PublishVerdict Check(string? username, MqttApplicationMessage message)
    {
        var topic = message.Topic;
        var payload = message.Payload;
        if (payload.Length > _options.MaxPayloadBytes)
        {
            return PublishVerdict.Refuse(MqttPubAckReasonCode.ImplementationSpecificError,
                $"payload of {payload.Length} bytes exceeds this broker's limit of {_options.MaxPayloadBytes} bytes");
        }

        var topicVerdict = CheckTopic(topic);
        if (topicVerdict.Problem is not null)
        {
            return PublishVerdict.Refuse(MqttPubAckReasonCode.TopicNameInvalid, topicVerdict.Problem);
        }

        if (!access.MayPublish(username, topic))
        {
            return PublishVerdict.Refuse(MqttPubAckReasonCode.NotAuthorized,
                topic.StartsWith('$')
                    ? $"topics starting with '$' are reserved for the broker; '{topic}' cannot be published"
                    : $"user '{username ?? AccessControl.Anonymous}' may not publish to '{topic}'");
        }

        if (topicVerdict.UnsTopic is null || !_options.ValidateContract)
        {
            return PublishVerdict.Accept;
        }

        var validation = _validator.Validate(topicVerdict.UnsTopic, payload);
        return validation.IsValid
            ? PublishVerdict.Accept
            : PublishVerdict.Refuse(MqttPubAckReasonCode.PayloadFormatInvalid, validation.Problem!);
    }

    /// <summary>Limits and namespace-topic parsing, cached per topic string since topics repeat.</summary>
    private TopicVerdict CheckTopic(string topic) => _topics.GetOrAdd(topic, static (t, gate) => gate.ComputeTopicVerdict(t), this);

    private TopicVerdict ComputeTopicVerdict(string topic)
    {
        if (topic.Length > _options.MaxTopicLength)
        {
            return new TopicVerdict(null, $"topic of {topic.Length} characters exceeds this broker's limit of {_options.MaxTopicLength}");
        }

        var levels = topic.AsSpan().Count('/') + 1;
        if (levels > _options.MaxTopicLevels)
        {
            return new TopicVerdict(null, $"topic has {levels} levels; this broker allows at most {_options.MaxTopicLevels}");
        }

        if (!_options.ValidateContract || !UnsTopic.IsNamespaceTopic(topic))
        {
            return new TopicVerdict(null, null);
        }

        return UnsTopic.TryParse(topic, out var parsed, out var problem)
            ? new TopicVerdict(parsed, null)
            : new TopicVerdict(null, problem);
    }

    private sealed record TopicVerdict(UnsTopic? UnsTopic, string? Problem);
}

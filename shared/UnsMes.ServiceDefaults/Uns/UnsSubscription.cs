using MQTTnet.Protocol;
using UnsMes.Uns.Topics;

namespace UnsMes.ServiceDefaults.Uns;

/// <summary>A subscription the client keeps across reconnects, and the handler its messages go to.</summary>
internal sealed record UnsSubscription(string Filter, MqttQualityOfServiceLevel Qos, UnsMessageHandler Handler)
{
    /// <summary>The filter without a <c>$share/{group}/</c> prefix: what incoming topics are matched against.</summary>
    public string MatchFilter { get; } = TopicFilter.WithoutSharePrefix(Filter);

    public bool Matches(string topic) => TopicFilter.Matches(MatchFilter, topic);
}

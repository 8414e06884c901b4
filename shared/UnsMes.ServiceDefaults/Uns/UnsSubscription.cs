using MQTTnet.Protocol;
using UnsMes.Uns.Topics;

namespace UnsMes.ServiceDefaults.Uns;

/// <summary>A subscription the client keeps across reconnects, and the handler its messages go to.</summary>
internal sealed record UnsSubscription(string Filter, MqttQualityOfServiceLevel Qos, UnsMessageHandler Handler)
{
    private const string SharedPrefix = "$share/";

    /// <summary>The filter without a <c>$share/{group}/</c> prefix: what incoming topics are matched against.</summary>
    public string MatchFilter { get; } = StripShare(Filter);

    public bool Matches(string topic) => TopicFilter.Matches(MatchFilter, topic);

    private static string StripShare(string filter)
    {
        if (!filter.StartsWith(SharedPrefix, StringComparison.Ordinal))
        {
            return filter;
        }

        var groupEnd = filter.IndexOf('/', SharedPrefix.Length);
        return groupEnd < 0 ? filter : filter[(groupEnd + 1)..];
    }
}

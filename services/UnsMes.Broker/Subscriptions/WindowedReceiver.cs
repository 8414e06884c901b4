using MQTTnet;
using MQTTnet.Packets;
using MQTTnet.Protocol;
using MQTTnet.Server;

namespace UnsMes.Broker.Subscriptions;

/// <summary>
/// What <see cref="DeliveryWindow"/> keeps for one receiving client: its subscriptions (to work out the QoS and retain
/// flag a message is delivered with, as MQTTnet does), how many QoS 1/2 messages sit in its MQTTnet session unacknowledged,
/// and the messages held back, in order, until acknowledgements make room. Every member is used under <see cref="Gate"/>.
/// </summary>
internal sealed class WindowedReceiver(string clientId)
{
    private readonly Dictionary<string, MqttTopicFilter> _filters = new(StringComparer.Ordinal);

    public string ClientId { get; } = clientId;

    public Lock Gate { get; } = new();

    /// <summary>Held messages, already shaped for delivery (QoS and retain flag as the subscription asks).</summary>
    public Queue<MqttApplicationMessage> Held { get; } = new();

    /// <summary>The session to release held messages into; null until the client has connected.</summary>
    public MqttSessionStatus? Session { get; set; }

    /// <summary>QoS 1/2 messages this window let into the session that are not acknowledged yet.</summary>
    public int Outstanding { get; set; }

    /// <summary>The most unacknowledged QoS 1/2 messages the client is sent: its Receive Maximum, capped by the broker.</summary>
    public int Limit { get; set; } = int.MaxValue;

    /// <summary>
    /// A client that subscribed with subscription identifiers is never held back: a released message is enqueued by
    /// the application-message API, which cannot carry the identifiers MQTTnet would have added.
    /// </summary>
    public bool UsesSubscriptionIdentifiers { get; set; }

    public bool IsGated => Session is not null && !UsesSubscriptionIdentifiers;

    public void Subscribed(MqttTopicFilter filter) => _filters[filter.Topic] = filter;

    public void Unsubscribed(string filter) => _filters.Remove(filter);

    /// <summary>Forgets the session: a clean start or a deleted session begins with nothing held and nothing owed.</summary>
    public void Reset()
    {
        _filters.Clear();
        Held.Clear();
        Session = null;
        Outstanding = 0;
        UsesSubscriptionIdentifiers = false;
    }

    /// <summary>
    /// The QoS the message is delivered with and whether it keeps its retain flag, worked out from the subscriptions as
    /// MQTTnet does it (the highest granted QoS of the matching filters, capped by the message's; retain kept when any
    /// matching filter asks for retain-as-published); null when no filter matches (then the window stays out of it).
    /// </summary>
    public (MqttQualityOfServiceLevel Qos, bool Retain)? Delivery(MqttApplicationMessage message, string senderClientId)
    {
        var granted = -1;
        var retainAsPublished = false;
        var local = string.Equals(senderClientId, ClientId, StringComparison.Ordinal);
        foreach (var filter in _filters.Values)
        {
            if ((filter.NoLocal && local) || MqttTopicFilterComparer.Compare(message.Topic, filter.Topic) != MqttTopicFilterCompareResult.IsMatch)
            {
                continue;
            }

            granted = Math.Max(granted, (int)filter.QualityOfServiceLevel);
            retainAsPublished |= filter.RetainAsPublished;
        }

        if (granted < 0)
        {
            return null;
        }

        return ((MqttQualityOfServiceLevel)Math.Min(granted, (int)message.QualityOfServiceLevel), retainAsPublished && message.Retain);
    }

    /// <summary>The message as this receiver gets it; a copy only where QoS or retain flag differ from what was published.</summary>
    public static MqttApplicationMessage Shaped(MqttApplicationMessage message, MqttQualityOfServiceLevel qos, bool retain) =>
        message.QualityOfServiceLevel == qos && message.Retain == retain
            ? message
            : new MqttApplicationMessage
            {
                Topic = message.Topic,
                Payload = message.Payload,
                QualityOfServiceLevel = qos,
                Retain = retain,
                ContentType = message.ContentType,
                CorrelationData = message.CorrelationData,
                MessageExpiryInterval = message.MessageExpiryInterval,
                PayloadFormatIndicator = message.PayloadFormatIndicator,
                ResponseTopic = message.ResponseTopic,
                UserProperties = message.UserProperties,
            };
}

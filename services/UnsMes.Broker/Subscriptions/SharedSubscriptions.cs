using System.Collections.Frozen;
using System.Runtime.CompilerServices;
using MQTTnet;
using MQTTnet.Packets;
using MQTTnet.Protocol;
using MQTTnet.Server;
using UnsMes.Broker.Transport;
using UnsMes.Uns.Topics;

namespace UnsMes.Broker.Subscriptions;

/// <summary>
/// MQTT 5 shared subscriptions (<c>$share/{group}/{filter}</c>) on top of MQTTnet's server, which refuses them: the
/// SUBSCRIBE is rewritten to the plain filter before the server sees it, and each message is then let through to one
/// member of each group only (round robin over the members that are connected; over all of them when none is).
/// CONNACK says shared subscriptions are available. As the standard asks, a shared subscription gets no retained
/// messages when it is made.
/// </summary>
/// <remarks>
/// Limits: a client that subscribes to the same filter both plainly and shared receives it as a group member only;
/// a session's membership lives in memory (after a broker restart a member is counted again when it resubscribes).
/// </remarks>
internal sealed class SharedSubscriptions : IPacketRewriter
{
    private const string Prefix = "$share/";

    private readonly Lock _gate = new();
    private readonly Dictionary<(string Group, string Filter), List<string>> _members = [];
    private readonly Dictionary<string, HashSet<(string Group, string Filter)>> _byClient = new(StringComparer.Ordinal);
    private readonly HashSet<string> _connected = new(StringComparer.Ordinal);
    private readonly ConditionalWeakTable<MqttApplicationMessage, Dictionary<(string, string), string>> _choices = [];

    // The clients that belong to any group, replaced on every join and leave: every message asks it for every receiver,
    // from every publishing connection at once, so it is read without the lock (which only group members then take).
    private FrozenSet<string> _memberClients = FrozenSet<string>.Empty;
    private long _turn;

    public void Attach(MqttServer server)
    {
        server.InterceptingClientEnqueueAsync += OnEnqueue;
        server.ClientConnectedAsync += e => Connected(e.ClientId, true);
        server.ClientDisconnectedAsync += e => Connected(e.ClientId, false);
        server.SessionDeletedAsync += e => Forget(e.Id);
    }

    /// <summary>Splits <c>$share/{group}/{filter}</c>; false for any other filter.</summary>
    public static bool TryParse(string topic, out string group, out string filter)
    {
        group = filter = "";
        if (!topic.StartsWith(Prefix, StringComparison.Ordinal))
        {
            return false;
        }

        var slash = topic.IndexOf('/', Prefix.Length);
        if (slash <= Prefix.Length || slash == topic.Length - 1)
        {
            return false;
        }

        group = topic[Prefix.Length..slash];
        filter = topic[(slash + 1)..];
        return !group.Contains('+', StringComparison.Ordinal) && !group.Contains('#', StringComparison.Ordinal);
    }

    /// <summary>Rewrites <c>$share/{group}/{filter}</c> in a SUBSCRIBE or UNSUBSCRIBE to the plain filter and records the membership.</summary>
    public void Inbound(string clientId, MqttPacket packet)
    {
        switch (packet)
        {
            case MqttSubscribePacket subscribe:
                foreach (var topicFilter in subscribe.TopicFilters)
                {
                    if (TryParse(topicFilter.Topic, out var group, out var filter))
                    {
                        topicFilter.Topic = filter;
                        topicFilter.RetainHandling = MqttRetainHandling.DoNotSendOnSubscribe;
                        Join(clientId, group, filter);
                    }
                }

                break;
            case MqttUnsubscribePacket unsubscribe:
                for (var i = 0; i < unsubscribe.TopicFilters.Count; i++)
                {
                    if (TryParse(unsubscribe.TopicFilters[i], out var group, out var filter))
                    {
                        unsubscribe.TopicFilters[i] = filter;
                        Leave(clientId, group, filter);
                    }
                }

                break;
        }
    }

    public void Outbound(MqttConnAckPacket connAck) => connAck.SharedSubscriptionAvailable = true;

    /// <summary>Called once per receiver of a message: a group member takes it only when it is that group's turn.</summary>
    private Task OnEnqueue(InterceptingClientApplicationMessageEnqueueEventArgs e)
    {
        if (!Volatile.Read(ref _memberClients).Contains(e.ReceiverClientId))
        {
            return Task.CompletedTask;
        }

        lock (_gate)
        {
            if (!_byClient.TryGetValue(e.ReceiverClientId, out var memberships))
            {
                return Task.CompletedTask;
            }

            var choices = _choices.GetValue(e.ApplicationMessage, _ => []);
            foreach (var key in memberships)
            {
                if (!TopicFilter.Matches(key.Filter, e.ApplicationMessage.Topic))
                {
                    continue;
                }

                if (!choices.TryGetValue(key, out var chosen))
                {
                    chosen = choices[key] = Pick(_members[key]);
                }

                e.AcceptEnqueue = string.Equals(chosen, e.ReceiverClientId, StringComparison.Ordinal);
            }
        }

        return Task.CompletedTask;
    }

    private string Pick(List<string> members)
    {
        var online = members.Where(_connected.Contains).ToList();
        var candidates = online.Count > 0 ? online : members;
        return candidates[(int)(_turn++ % candidates.Count)];
    }

    private void Join(string clientId, string group, string filter)
    {
        lock (_gate)
        {
            var key = (group, filter);
            if (!_members.TryGetValue(key, out var members))
            {
                members = _members[key] = [];
            }

            if (!members.Contains(clientId, StringComparer.Ordinal))
            {
                members.Add(clientId);
            }

            if (!_byClient.TryGetValue(clientId, out var memberships))
            {
                memberships = _byClient[clientId] = [];
            }

            memberships.Add(key);
            PublishMembers();
        }
    }

    private void Leave(string clientId, string group, string filter)
    {
        lock (_gate)
        {
            var key = (group, filter);
            if (_members.TryGetValue(key, out var members))
            {
                members.Remove(clientId);
                if (members.Count == 0)
                {
                    _members.Remove(key);
                }
            }

            if (_byClient.TryGetValue(clientId, out var memberships))
            {
                memberships.Remove(key);
                if (memberships.Count == 0)
                {
                    _byClient.Remove(clientId);
                    PublishMembers();
                }
            }
        }
    }

    /// <summary>Replaces the lock-free copy of who belongs to a group; called under the lock after a change.</summary>
    private void PublishMembers() => Volatile.Write(ref _memberClients, _byClient.Keys.ToFrozenSet(StringComparer.Ordinal));

    private Task Forget(string clientId)
    {
        List<(string Group, string Filter)> memberships;
        lock (_gate)
        {
            memberships = _byClient.TryGetValue(clientId, out var found) ? [.. found] : [];
        }

        foreach (var (group, filter) in memberships)
        {
            Leave(clientId, group, filter);
        }

        return Task.CompletedTask;
    }

    private Task Connected(string clientId, bool connected)
    {
        lock (_gate)
        {
            if (connected)
            {
                _connected.Add(clientId);
            }
            else
            {
                _connected.Remove(clientId);
            }
        }

        return Task.CompletedTask;
    }
}

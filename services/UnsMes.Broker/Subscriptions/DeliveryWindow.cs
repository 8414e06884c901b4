using System.Collections.Concurrent;
using Microsoft.Extensions.Options;
using MQTTnet;
using MQTTnet.Packets;
using MQTTnet.Protocol;
using MQTTnet.Server;
using UnsMes.Broker.Statistics;
using UnsMes.Broker.Transport;

namespace UnsMes.Broker.Subscriptions;

/// <summary>
/// MQTT 5 flow control for deliveries, which MQTTnet's server leaves out: a client is never sent more unacknowledged
/// QoS 1/2 messages than its Receive Maximum (capped by <see cref="BrokerOptions.MaxInFlightPerClient"/>). Messages past
/// that are held here, in order, and go into the client's MQTTnet session as acknowledgements come back.
/// </summary>
/// <remarks>
/// Beyond the standard, this keeps the broker fast with a backlog. MQTTnet keeps every queued QoS 1 message of a
/// session in one list and, for each PUBACK, searches it and removes from its front, so each acknowledgement costs time
/// in proportion to the backlog: with a historian or Kafka fan-out tens of thousands of messages behind, the broker spent
/// most of its CPU there. Held here, the backlog is a queue that costs the same per message at any length.
/// QoS 0 deliveries are not held (the standard lets them pass a full window). Held messages count toward
/// <see cref="BrokerOptions.MaxPendingMessagesPerClient"/> and live in memory like the sessions they belong to.
/// A publish whose every receiver had it held is answered "no matching subscribers" (a success code): MQTTnet decides that
/// reason before the message is released.
/// </remarks>
internal sealed class DeliveryWindow(IOptions<BrokerOptions> options, BrokerStatistics statistics) : IPacketRewriter
{
    private readonly ConcurrentDictionary<string, WindowedReceiver> _receivers = new(StringComparer.Ordinal);
    private readonly int _cap = options.Value.MaxInFlightPerClient;
    private readonly int _maxPending = options.Value.MaxPendingMessagesPerClient;
    private readonly MqttPendingMessagesOverflowStrategy _overflow = options.Value.OverflowStrategy;
    private readonly ConcurrentDictionary<string, ushort> _receiveMaximum = new(StringComparer.Ordinal);
    private Func<string, Task> _dropped = _ => Task.CompletedTask;
    private MqttServer? _server;

    /// <summary>Hooks into the server; attach after handlers that may refuse an enqueue (shared subscriptions).</summary>
    public void Attach(MqttServer server, Func<string, Task> dropped)
    {
        _server = server;
        _dropped = dropped;
        server.ValidatingConnectionAsync += OnValidating;
        server.ClientConnectedAsync += OnConnected;
        server.SessionDeletedAsync += e => Forget(e.Id);
        server.ClientSubscribedTopicAsync += e => With(e.ClientId, r => r.Subscribed(e.TopicFilter));
        server.ClientUnsubscribedTopicAsync += e => With(e.ClientId, r => r.Unsubscribed(e.TopicFilter));
        server.InterceptingClientEnqueueAsync += OnEnqueue;
        server.ClientAcknowledgedPublishPacketAsync += e => Acknowledged(e.ClientId, e.PublishPacket);
        server.QueuedApplicationMessageOverwrittenAsync += e => Acknowledged(e.ReceiverClientId, e.Packet as MqttPublishPacket);
    }

    /// <summary>MQTTnet dropped a message it had queued for the client (its own overflow): it will never be acknowledged.</summary>
    public Task MqttNetDropped(string clientId, MqttApplicationMessage message) =>
        message.QualityOfServiceLevel == MqttQualityOfServiceLevel.AtMostOnce ? Task.CompletedTask : Settled(clientId);

    private Task OnValidating(ValidatingConnectionEventArgs e)
    {
        if (!string.IsNullOrEmpty(e.ClientId))
        {
            _receiveMaximum[e.ClientId] = e.ReceiveMaximum;
        }

        return Task.CompletedTask;
    }

    private async Task OnConnected(ClientConnectedEventArgs e)
    {
        MqttSessionStatus session;
        try
        {
            session = await _server!.GetSessionAsync(e.ClientId);
        }
        catch (InvalidOperationException)
        {
            return; // gone again already
        }

        _receiveMaximum.TryRemove(e.ClientId, out var receiveMaximum);
        var receiver = Receiver(e.ClientId);
        lock (receiver.Gate)
        {
            if (receiver.Session is { } known && !ReferenceEquals(known.Items, session.Items))
            {
                // A clean start: MQTTnet replaced the session without a deletion event, and what was held or owed
                // belonged to the old one.
                Reset(receiver);
            }

            receiver.Session = session;
            receiver.Limit = Math.Min(receiveMaximum == 0 ? ushort.MaxValue : receiveMaximum, _cap);
            Release(receiver);
        }
    }

    /// <summary>Notes a client that subscribes with subscription identifiers (see <see cref="WindowedReceiver.UsesSubscriptionIdentifiers"/>).</summary>
    public void Inbound(string clientId, MqttPacket packet)
    {
        if (packet is MqttSubscribePacket { SubscriptionIdentifier: > 0 })
        {
            With(clientId, r => r.UsesSubscriptionIdentifiers = true);
        }
    }

    /// <summary>Called once per receiver of a message: let it into the session while the window has room, else hold it.</summary>
    private Task OnEnqueue(InterceptingClientApplicationMessageEnqueueEventArgs e)
    {
        if (!e.AcceptEnqueue || !_receivers.TryGetValue(e.ReceiverClientId, out var receiver))
        {
            return Task.CompletedTask;
        }

        lock (receiver.Gate)
        {
            if (!receiver.IsGated || receiver.Delivery(e.ApplicationMessage, e.SenderClientId) is not { } delivery
                || delivery.Qos == MqttQualityOfServiceLevel.AtMostOnce)
            {
                return Task.CompletedTask;
            }

            if (receiver.Held.Count == 0 && receiver.Outstanding < receiver.Limit)
            {
                receiver.Outstanding++;
                return Task.CompletedTask;
            }

            e.AcceptEnqueue = false;
            if (receiver.Held.Count + receiver.Outstanding >= _maxPending)
            {
                if (_overflow == MqttPendingMessagesOverflowStrategy.DropNewMessage || receiver.Held.Count == 0)
                {
                    return _dropped(receiver.ClientId);
                }

                receiver.Held.Dequeue();
                statistics.HeldChanged(-1);
                _ = _dropped(receiver.ClientId);
            }

            receiver.Held.Enqueue(WindowedReceiver.Shaped(e.ApplicationMessage, delivery.Qos, delivery.Retain));
            statistics.HeldChanged(1);
        }

        return Task.CompletedTask;
    }

    private Task Acknowledged(string clientId, MqttPublishPacket? packet) =>
        packet is { QualityOfServiceLevel: > MqttQualityOfServiceLevel.AtMostOnce } ? Settled(clientId) : Task.CompletedTask;

    /// <summary>One QoS 1/2 message of the client's window is done with (acknowledged, or dropped by MQTTnet).</summary>
    private Task Settled(string clientId)
    {
        if (!_receivers.TryGetValue(clientId, out var receiver))
        {
            return Task.CompletedTask;
        }

        lock (receiver.Gate)
        {
            // Retained messages sent on subscribe never passed the window; their acknowledgements must not open it below zero.
            receiver.Outstanding = Math.Max(0, receiver.Outstanding - 1);
            Release(receiver);
        }

        return Task.CompletedTask;
    }

    /// <summary>Moves held messages into the session while the window has room; called under the receiver's lock.</summary>
    private void Release(WindowedReceiver receiver)
    {
        while (receiver.Held.Count > 0 && receiver.Outstanding < receiver.Limit && receiver.Session is { } session)
        {
            var message = receiver.Held.Dequeue();
            statistics.HeldChanged(-1);
            if (!session.TryEnqueueApplicationMessage(message, out _))
            {
                _ = _dropped(receiver.ClientId);
                continue;
            }

            statistics.MessageSent();
            if (message.QualityOfServiceLevel != MqttQualityOfServiceLevel.AtMostOnce)
            {
                receiver.Outstanding++;
            }
        }
    }

    /// <summary>Forgets what was held and owed for the receiver's session; called under its lock.</summary>
    private void Reset(WindowedReceiver receiver)
    {
        statistics.HeldChanged(-receiver.Held.Count);
        receiver.Reset();
    }

    private WindowedReceiver Receiver(string clientId) => _receivers.GetOrAdd(clientId, id => new WindowedReceiver(id));

    private Task With(string clientId, Action<WindowedReceiver> change)
    {
        var receiver = Receiver(clientId);
        lock (receiver.Gate)
        {
            change(receiver);
        }

        return Task.CompletedTask;
    }

    private Task Forget(string clientId)
    {
        if (_receivers.TryRemove(clientId, out var receiver))
        {
            lock (receiver.Gate)
            {
                Reset(receiver);
            }
        }

        return Task.CompletedTask;
    }
}

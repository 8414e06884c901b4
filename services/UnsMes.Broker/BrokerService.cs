using Microsoft.Extensions.Options;
using MQTTnet.Protocol;
using MQTTnet.Server;
using UnsMes.Broker.Publishing;
using UnsMes.Broker.Retained;
using UnsMes.Broker.Security;
using UnsMes.Broker.Statistics;
using UnsMes.Broker.Transport;
using UnsMes.Uns.Payloads;

namespace UnsMes.Broker;

/// <summary>
/// Starts and stops the MQTT server and connects its events to the broker's policies: authentication, ACLs,
/// the publish gate with dead-lettering, retained persistence and statistics.
/// </summary>
/// <remarks>
/// The server stops as the host begins to stop, before any service's StopAsync: with MQTT carried by Kestrel, the web
/// server (which stops first) would otherwise wait out the whole shutdown timeout for MQTT connections that only end
/// when the broker ends them. Services keep what they could not send in their snapshots.
/// </remarks>
internal sealed class BrokerService(
    MqttServer server,
    IOptions<BrokerOptions> options,
    AccessControl access,
    PublishGate gate,
    DeadLetterQueue deadLetters,
    RetainedMessageStore retained,
    BrokerStatistics statistics,
    Subscriptions.SharedSubscriptions shared,
    Subscriptions.DeliveryWindow window,
    TimeProvider time,
    ILogger<BrokerService> logger) : IHostedLifecycleService
{
    private long _overflowLogged;

    public async Task StartAsync(CancellationToken cancellationToken)
    {
        var restored = retained.LoadAll();
        server.LoadingRetainedMessageAsync += args =>
        {
            args.LoadedRetainedMessages = restored;
            return Task.CompletedTask;
        };
        server.ValidatingConnectionAsync += OnValidatingConnection;
        shared.Attach(server);
        window.Attach(server, OnDropped); // after the shared subscriptions, which decide who may receive at all
        server.InterceptingSubscriptionAsync += OnSubscribing;
        server.InterceptingPublishAsync += OnPublishing;
        server.ClientConnectedAsync += _ => Count(statistics.ClientConnected);
        server.ClientDisconnectedAsync += _ => Count(statistics.ClientDisconnected);
        server.ApplicationMessageEnqueuedOrDroppedAsync += OnEnqueued;
        server.QueuedApplicationMessageOverwrittenAsync += args => OnDropped(args.ReceiverClientId);
        await server.StartAsync();

        var o = options.Value;
        BrokerLog.Started(logger, o.BindAddress, o.TcpPort, o.Tls.Enabled ? $" and {o.BindAddress}:{o.Tls.Port} (TLS)" : "",
            o.WebSocketPath, restored.Count, retained.FilePath);
    }

    public Task StoppingAsync(CancellationToken cancellationToken) => server.StopAsync();

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StartingAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StartedAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StoppedAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    private Task OnValidatingConnection(ValidatingConnectionEventArgs args)
    {
        var refusal = access.CheckCredentials(args.UserName, args.Password);
        if (refusal is not null)
        {
            args.ReasonCode = MqttConnectReasonCode.BadUserNameOrPassword;
            args.ReasonString = refusal;
            BrokerLog.ConnectionRefused(logger, args.RemoteEndPoint?.ToString() ?? "?", args.ClientId ?? "", args.UserName ?? AccessControl.Anonymous, refusal);
            return Task.CompletedTask;
        }

        if (string.IsNullOrEmpty(args.ClientId))
        {
            // Only MQTT 5 clients reach here without an id (BrokerConnectionAdapter gave 3.1.1 clients theirs).
            args.AssignedClientIdentifier = $"{BrokerConnectionAdapter.AssignedPrefix}{Guid.NewGuid():N}";
        }
        else if (args.ClientId.StartsWith(BrokerConnectionAdapter.AssignedPrefix, StringComparison.Ordinal))
        {
            BrokerLog.ClientIdAssigned(logger, args.ClientId);
        }

        return Task.CompletedTask;
    }

    private Task OnSubscribing(InterceptingSubscriptionEventArgs args)
    {
        if (!access.MaySubscribe(args.UserName, args.TopicFilter.Topic))
        {
            args.ProcessSubscription = false;
            args.Response.ReasonCode = MqttSubscribeReasonCode.NotAuthorized;
            args.ReasonString = $"user '{args.UserName ?? AccessControl.Anonymous}' may not subscribe to '{args.TopicFilter.Topic}'";
            BrokerLog.SubscriptionRefused(logger, args.TopicFilter.Topic, args.ClientId, args.UserName ?? AccessControl.Anonymous);
        }

        return Task.CompletedTask;
    }

    private async Task OnPublishing(InterceptingPublishEventArgs args)
    {
        var message = args.ApplicationMessage;
        if (args.ClientId == DeadLetterQueue.BrokerClientId)
        {
            // The broker's own $SYS and dead-letter messages; $SYS values are rebuilt after a restart, not stored.
            if (message.Retain && !message.Topic.StartsWith('$'))
            {
                await retained.SaveAsync(message, UnsTime.Now(time));
            }

            return;
        }

        statistics.MessageReceived();
        var verdict = gate.Check(args.UserName, message);
        if (!verdict.IsAccepted)
        {
            args.ProcessPublish = false;
            args.Response.ReasonCode = verdict.ReasonCode;
            args.Response.ReasonString = verdict.Reason;
            deadLetters.Add(message, args.ClientId, args.UserName, verdict.Reason!);
            return;
        }

        if (message.Retain)
        {
            try
            {
                if (options.Value.RetainedDurability == RetainedDurability.Batched)
                {
                    // Committed right behind the acknowledgement, in a batch with whatever else arrived meanwhile.
                    retained.Save(message, UnsTime.Now(time));
                }
                else
                {
                    // Stored before the broker acknowledges, so an acknowledged retained value survives a crash.
                    await retained.SaveAsync(message, UnsTime.Now(time));
                }
            }
            catch (Microsoft.Data.Sqlite.SqliteException ex)
            {
                BrokerLog.RetainedStoreFailed(logger, ex, message.Topic);
                args.ProcessPublish = false;
                args.Response.ReasonCode = MqttPubAckReasonCode.UnspecifiedError;
                args.Response.ReasonString = "the broker could not store the retained message";
            }
        }
    }

    private Task OnEnqueued(ApplicationMessageEnqueuedEventArgs args)
    {
        if (args.IsDropped)
        {
            window.MqttNetDropped(args.ReceiverClientId, args.ApplicationMessage);
            return OnDropped(args.ReceiverClientId);
        }

        statistics.MessageSent();
        return Task.CompletedTask;
    }

    private Task OnDropped(string receiverClientId)
    {
        statistics.MessageDropped();

        // Log the first overflow and then every 10,000th, so a slow subscriber cannot flood the log.
        if (Interlocked.Increment(ref _overflowLogged) % 10_000 == 1)
        {
            BrokerLog.QueueOverflow(logger, receiverClientId);
        }

        return Task.CompletedTask;
    }

    private static Task Count(Action action)
    {
        action();
        return Task.CompletedTask;
    }
}

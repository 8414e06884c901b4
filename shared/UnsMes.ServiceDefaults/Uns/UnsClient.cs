using System.Diagnostics;
using System.Diagnostics.Metrics;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using MQTTnet;
using MQTTnet.Protocol;
using Polly;
using Polly.Retry;
using UnsMes.ServiceDefaults.Telemetry;
using UnsMes.Uns.Payloads;
using UnsMes.Uns.Topics;

namespace UnsMes.ServiceDefaults.Uns;

/// <summary>
/// A service's connection to the namespace. It keeps itself connected (Polly exponential backoff with jitter),
/// restores its subscriptions when the broker lost the session, keeps a persistent session so QoS 1 messages wait
/// for it while it is away, carries trace context in MQTT 5 user properties, and announces the service's status
/// (with an MQTT will that marks it offline if the process dies).
/// </summary>
public sealed class UnsClient : IHostedService, IAsyncDisposable
{
    private static readonly Counter<long> Published = UnsTelemetry.UnsClientMeter.CreateCounter<long>("uns.client.published", "{message}");
    private static readonly Counter<long> Received = UnsTelemetry.UnsClientMeter.CreateCounter<long>("uns.client.received", "{message}");
    private static readonly Counter<long> HandlerFailures = UnsTelemetry.UnsClientMeter.CreateCounter<long>("uns.client.handler_failures", "{message}");
    private static readonly Counter<long> Reconnects = UnsTelemetry.UnsClientMeter.CreateCounter<long>("uns.client.connects", "{connect}");


    private readonly UnsClientOptions _options;
    /// <summary>How long after connecting a message waits for its handler to be registered.</summary>
    private static readonly TimeSpan HoldUnhandledAfterConnect = TimeSpan.FromSeconds(30);

    private readonly ILogger _logger;
    private readonly TimeProvider _time;
    private readonly IMqttClient _client;
    private readonly List<UnsSubscription> _subscriptions = [];
    private readonly Lock _subscriptionsLock = new();
    private readonly CancellationTokenSource _stopping = new();
    private readonly ResiliencePipeline _connectPipeline;
    // A copy of _subscriptions, replaced on every change, that the receive path reads without taking the lock.
    private UnsSubscription[] _subscriptionsSnapshot = [];
    private TaskCompletionSource _connected = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private TaskCompletionSource _subscriptionAdded = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private long _connectingSince;
    private long _unhandled;
    private TaskCompletionSource _lost = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private Task? _connectionLoop;
    private int _disposed;

    // Counts connections, so a deferred acknowledgement from before a reconnect is not sent on the new connection
    // (the broker redelivers that message; its packet id may belong to another message now).
    private int _connection;

    public UnsClient(string name, UnsClientOptions options, ILogger<UnsClient> logger, TimeProvider time)
    {
        Name = UnsName.Require(name, nameof(name));
        _options = options;
        _logger = logger;
        _time = time;
        ClientId = options.ClientId ?? $"{name}-{Environment.MachineName}".ToLowerInvariant();
        _client = new MqttClientFactory().CreateMqttClient();
        _client.ApplicationMessageReceivedAsync += OnMessageAsync;
        _client.DisconnectedAsync += OnDisconnectedAsync;
        _connectPipeline = new ResiliencePipelineBuilder { TimeProvider = time }
            .AddRetry(new RetryStrategyOptions
            {
                MaxRetryAttempts = int.MaxValue,
                BackoffType = DelayBackoffType.Exponential,
                UseJitter = true,
                Delay = TimeSpan.FromMilliseconds(250),
                MaxDelay = TimeSpan.FromSeconds(options.ReconnectMaxDelaySeconds),
                ShouldHandle = new PredicateBuilder().Handle<Exception>(ex => ex is not OperationCanceledException),
                OnRetry = args =>
                {
                    UnsClientLog.ConnectFailed(_logger, Name, _options.Host, _options.Port, args.AttemptNumber + 1, args.Outcome.Exception?.Message ?? "unknown");
                    return ValueTask.CompletedTask;
                },
            })
            .Build();
    }

    /// <summary>The service name this client speaks for (also its <c>_status</c> topic).</summary>
    public string Name { get; }

    public string ClientId { get; }

    public bool IsConnected => _client.IsConnected;

    /// <summary>Completes when the client is connected (immediately if it is).</summary>
    public Task WaitUntilConnectedAsync(CancellationToken cancellationToken) =>
        _connected.Task.WaitAsync(cancellationToken);

    public Task StartAsync(CancellationToken cancellationToken)
    {
        _connectionLoop ??= Task.Run(() => KeepConnectedAsync(_stopping.Token), CancellationToken.None);
        return Task.CompletedTask;
    }

    public async Task StopAsync(CancellationToken cancellationToken)
    {
        await _stopping.CancelAsync();
        if (_client.IsConnected)
        {
            try
            {
                if (_options.PublishStatus)
                {
                    await PublishAsync(UnsTopic.Status(Name), Status(ServiceHealth.Offline), cancellationToken);
                }

                await _client.DisconnectAsync(new MqttClientDisconnectOptionsBuilder().Build(), cancellationToken);
            }
            catch (Exception ex) when (ex is MQTTnet.Exceptions.MqttCommunicationException or OperationCanceledException or InvalidOperationException)
            {
                // Stopping anyway: the will marks the service offline when the broker notices.
            }
        }

        if (_connectionLoop is not null)
        {
            await _connectionLoop.WaitAsync(cancellationToken).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
        }
    }

    /// <summary>
    /// Subscribes now (if connected) and after every reconnect that lost the session. Messages are acknowledged
    /// after the handler returns, so a crash inside the handler leads to redelivery, not loss.
    /// </summary>
    public async Task SubscribeAsync(string filter, UnsQos qos, UnsMessageHandler handler, CancellationToken cancellationToken)
    {
        var problem = TopicFilter.Problem(filter);
        if (problem is not null)
        {
            throw new ArgumentException(problem, nameof(filter));
        }

        var subscription = new UnsSubscription(filter, (MqttQualityOfServiceLevel)qos, handler);
        lock (_subscriptionsLock)
        {
            _subscriptions.Add(subscription);
            Volatile.Write(ref _subscriptionsSnapshot, [.. _subscriptions]);
        }

        // A message of a resumed session may be waiting for this handler (see WaitForHandlerAsync).
        Interlocked.Exchange(ref _subscriptionAdded, new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously)).TrySetResult();

        if (_client.IsConnected)
        {
            await SendSubscriptionsAsync([subscription], cancellationToken);
        }
    }

    /// <summary>Publishes a payload of the topic's family with the family's retain flag and QoS.</summary>
    public Task PublishAsync<T>(UnsTopic topic, T payload, CancellationToken cancellationToken)
        where T : IUnsPayload =>
        PublishJsonAsync(topic, UnsJson.Serialize(payload), cancellationToken);

    /// <summary>Publishes a payload already serialized (e.g. kept in an outbox) with the family's retain flag and QoS.</summary>
    public Task PublishJsonAsync(UnsTopic topic, byte[] json, CancellationToken cancellationToken) =>
        PublishAsync(
            new MqttApplicationMessageBuilder()
                .WithTopic(topic)
                .WithPayload(json)
                .WithContentType("application/json")
                .WithRetainFlag(topic.Spec.Retained)
                .WithQualityOfServiceLevel((MqttQualityOfServiceLevel)topic.Spec.Qos)
                .Build(),
            cancellationToken);

    /// <summary>Publishes a prepared message; waits for a connection first. Throws when the broker refuses it.</summary>
    public async Task PublishAsync(MqttApplicationMessage message, CancellationToken cancellationToken)
    {
        using var activity = UnsTelemetry.UnsClientSource.StartActivity($"publish {message.Topic}", ActivityKind.Producer);
        MqttTraceContext.Inject(activity, message);
        await WaitUntilConnectedAsync(cancellationToken);
        var result = await _client.PublishAsync(message, cancellationToken);
        if (!result.IsSuccess)
        {
            activity?.SetStatus(ActivityStatusCode.Error, result.ReasonString);
            throw new UnsPublishRejectedException(message.Topic, result.ReasonCode.ToString(), result.ReasonString);
        }

        Published.Add(1);
    }

    public async ValueTask DisposeAsync()
    {
        // The host disposes this instance once per registration (keyed client and hosted service): once is enough.
        if (Interlocked.Exchange(ref _disposed, 1) == 1)
        {
            return;
        }

        await _stopping.CancelAsync();
        _client.Dispose();
        _stopping.Dispose();
    }

    private async Task KeepConnectedAsync(CancellationToken stopping)
    {
        while (!stopping.IsCancellationRequested)
        {
            try
            {
                await _connectPipeline.ExecuteAsync(ConnectOnceAsync, stopping);
                await _lost.Task.WaitAsync(stopping);
            }
            catch (OperationCanceledException) when (stopping.IsCancellationRequested)
            {
                return;
            }
        }
    }

    private async ValueTask ConnectOnceAsync(CancellationToken cancellationToken)
    {
        _lost = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        Volatile.Write(ref _connectingSince, _time.GetTimestamp());
        var result = await _client.ConnectAsync(BuildOptions(), cancellationToken);
        if (result.ResultCode != MqttClientConnectResultCode.Success)
        {
            throw new InvalidOperationException($"the broker refused the connection: {result.ResultCode} {result.ReasonString}");
        }

        Reconnects.Add(1);
        UnsClientLog.Connected(_logger, Name, _options.Host, _options.Port, ClientId, result.IsSessionPresent);
        if (!result.IsSessionPresent)
        {
            UnsSubscription[] all;
            lock (_subscriptionsLock)
            {
                all = [.. _subscriptions];
            }

            await SendSubscriptionsAsync(all, cancellationToken);
        }

        if (_options.PublishStatus)
        {
            await _client.PublishAsync(StatusMessage(ServiceHealth.Healthy), cancellationToken);
        }

        _connected.TrySetResult();
    }

    private async Task SendSubscriptionsAsync(UnsSubscription[] subscriptions, CancellationToken cancellationToken)
    {
        if (subscriptions.Length == 0)
        {
            return;
        }

        var builder = new MqttClientSubscribeOptionsBuilder();
        foreach (var subscription in subscriptions)
        {
            builder.WithTopicFilter(f => f.WithTopic(subscription.Filter).WithQualityOfServiceLevel(subscription.Qos));
        }

        var result = await _client.SubscribeAsync(builder.Build(), cancellationToken);
        foreach (var item in result.Items.Where(i => (int)i.ResultCode >= 0x80))
        {
            UnsClientLog.SubscribeRefused(_logger, Name, item.TopicFilter.Topic, item.ResultCode.ToString());
        }
    }

    private Task OnDisconnectedAsync(MqttClientDisconnectedEventArgs args)
    {
        if (args.ClientWasConnected)
        {
            _connected = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            if (!_stopping.IsCancellationRequested)
            {
                UnsClientLog.Disconnected(_logger, Name, args.Exception?.Message ?? args.ReasonString ?? args.Reason.ToString());
            }
        }

        Interlocked.Increment(ref _connection);
        _lost.TrySetResult();
        return Task.CompletedTask;
    }

    private async Task OnMessageAsync(MqttApplicationMessageReceivedEventArgs args)
    {
        var message = args.ApplicationMessage;
        Received.Add(1);
        var subscriptions = Volatile.Read(ref _subscriptionsSnapshot);
        if (!Array.Exists(subscriptions, s => s.Matches(message.Topic)))
        {
            subscriptions = await WaitForHandlerAsync(message.Topic);
        }

        // Without a listener there is no activity: skip building its name and reading the trace context.
        using var activity = UnsTelemetry.UnsClientSource.HasListeners()
            ? UnsTelemetry.UnsClientSource.StartActivity($"receive {message.Topic}", ActivityKind.Consumer, MqttTraceContext.Extract(message))
            : null;
        var unsMessage = new UnsMessage(message.Topic, message.Payload, message.Retain, message) { Deferral = () => Defer(args) };
        foreach (var subscription in subscriptions)
        {
            if (!subscription.Matches(message.Topic))
            {
                continue;
            }

            try
            {
                await subscription.Handler(unsMessage, _stopping.Token);
            }
            catch (Exception ex) when (ex is not OperationCanceledException || !_stopping.IsCancellationRequested)
            {
                // One bad message must never stop the stream; the handler owns dead-lettering what it rejects.
                HandlerFailures.Add(1);
                activity?.SetStatus(ActivityStatusCode.Error, ex.Message);
                UnsClientLog.HandlerFailed(_logger, ex, Name, message.Topic);
            }
        }
    }

    /// <summary>
    /// A persistent session resumes at once on connect and the broker sends what it kept, often before the service
    /// has registered its handlers; acknowledging such a message unhandled would lose it. So a message no handler
    /// matches waits (and the messages behind it with it, in order) until one is registered, for up to
    /// <see cref="HoldUnhandledAfterConnect"/> after connecting; past that it is acknowledged and reported.
    /// </summary>
    private async Task<UnsSubscription[]> WaitForHandlerAsync(string topic)
    {
        while (true)
        {
            var added = Volatile.Read(ref _subscriptionAdded).Task;
            var subscriptions = Volatile.Read(ref _subscriptionsSnapshot);
            if (Array.Exists(subscriptions, s => s.Matches(topic)))
            {
                return subscriptions;
            }

            var left = HoldUnhandledAfterConnect - _time.GetElapsedTime(Volatile.Read(ref _connectingSince));
            if (left <= TimeSpan.Zero || _stopping.IsCancellationRequested)
            {
                // The first such message and then every 1,000th: a stale subscription can be a busy one.
                if (Interlocked.Increment(ref _unhandled) % 1000 == 1)
                {
                    UnsClientLog.Unhandled(_logger, Name, topic);
                }

                return subscriptions;
            }

            try
            {
                await added.WaitAsync(left, _time, _stopping.Token);
            }
            catch (Exception ex) when (ex is TimeoutException or OperationCanceledException)
            {
                // Checked again above: a handler may have come at the last moment.
            }
        }
    }

    private UnsAcknowledgement Defer(MqttApplicationMessageReceivedEventArgs args)
    {
        args.AutoAcknowledge = false;
        var connection = Volatile.Read(ref _connection);
        return new UnsAcknowledgement(async cancellationToken =>
        {
            if (connection != Volatile.Read(ref _connection) || !_client.IsConnected)
            {
                return;
            }

            try
            {
                await args.AcknowledgeAsync(cancellationToken);
            }
            catch (Exception ex) when (ex is MQTTnet.Exceptions.MqttCommunicationException or InvalidOperationException)
            {
                // The connection went away meanwhile: the broker sends the message again.
            }
        });
    }

    private MqttClientOptions BuildOptions()
    {
        var builder = new MqttClientOptionsBuilder()
            .WithTcpServer(_options.Host, _options.Port)
            .WithClientId(ClientId)
            .WithProtocolVersion(MQTTnet.Formatter.MqttProtocolVersion.V500)
            .WithCleanStart(_options.CleanStart)
            .WithSessionExpiryInterval((uint)_options.SessionExpirySeconds)
            .WithKeepAlivePeriod(TimeSpan.FromSeconds(_options.KeepAliveSeconds))
            .WithTimeout(TimeSpan.FromSeconds(10));
        if (_options.Username is not null)
        {
            builder.WithCredentials(_options.Username, _options.Password);
        }

        if (_options.UseTls)
        {
            builder.WithTlsOptions(t => t.UseTls());
        }

        if (_options.PublishStatus)
        {
            builder.WithWillTopic(UnsTopic.Status(Name))
                .WithWillPayload(UnsJson.Serialize(Status(ServiceHealth.Offline)))
                .WithWillRetain(true)
                .WithWillQualityOfServiceLevel(MqttQualityOfServiceLevel.AtLeastOnce);
        }

        var options = builder.Build();

        // MQTTnet pins both socket buffers at 8 KiB by default; on loopback a busy subscriber's receive window then
        // reopens only on the sender's persist timer (multi-second stalls). Give it room, and read and write
        // packets in batches rather than one system call (or more) each.
        ((MqttClientTcpOptions)options.ChannelOptions).StreamProvider = BufferedSocketStreamProvider.Instance;
        return options;
    }

    private ServiceStatusPayload Status(ServiceHealth health) => new()
    {
        V = UnsSchema.Version,
        Ts = UnsTime.Now(_time),
        Health = health,
        Instance = ClientId,
    };

    private MqttApplicationMessage StatusMessage(ServiceHealth health) =>
        new MqttApplicationMessageBuilder()
            .WithTopic(UnsTopic.Status(Name))
            .WithPayload(UnsJson.Serialize(Status(health)))
            .WithRetainFlag(true)
            .WithQualityOfServiceLevel(MqttQualityOfServiceLevel.AtLeastOnce)
            .Build();
}

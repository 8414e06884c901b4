using Microsoft.Extensions.Logging;
using MQTTnet;
using MQTTnet.Formatter;
using MQTTnet.Protocol;
using UnsMes.ServiceDefaults.Uns;

namespace UnsMes.KafkaFanout.Forwarding;

/// <summary>
/// One MQTT connection of the shared subscription. Its own MQTTnet client (not the service's UnsClient) because it
/// acknowledges by hand: a QoS 1 message is acknowledged only after Kafka confirmed it, in the order it arrived, so a
/// crash in between leaves it unacknowledged in the persistent session and the broker delivers it again. Its socket is
/// a <see cref="BufferedSocketStream"/>: one acknowledgement per message, but not one system call per acknowledgement.
/// </summary>
internal sealed class MqttIngestConnection : IAsyncDisposable
{
    private readonly UnsClientOptions _uns;
    private readonly KafkaFanoutOptions _options;
    private readonly FanoutPipeline _pipeline;
    private readonly ILogger _logger;
    private readonly IMqttClient _client;
    private readonly AcknowledgementQueue _acks;
    private static readonly TimeSpan StopGrace = TimeSpan.FromSeconds(5);

    private bool _plainSubscriptions;
    private TaskCompletionSource _lost = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public MqttIngestConnection(string clientId, UnsClientOptions uns, KafkaFanoutOptions options, FanoutPipeline pipeline, DeadLetterSink deadLetters, ILogger logger)
    {
        ClientId = clientId;
        _uns = uns;
        _options = options;
        _pipeline = pipeline;
        _logger = logger;
        _acks = AcknowledgementQueue.For(pipeline, deadLetters, clientId, logger);
        _client = new MqttClientFactory().CreateMqttClient();
        _client.DisconnectedAsync += _ =>
        {
            _lost.TrySetResult();
            return Task.CompletedTask;
        };
    }

    public string ClientId { get; }

    public bool IsConnected => _client.IsConnected;

    public async Task RunAsync(CancellationToken stopping)
    {
        _client.ApplicationMessageReceivedAsync += args => _pipeline.AcceptAsync(args, _acks, stopping);
        var delay = TimeSpan.FromMilliseconds(250);
        while (!stopping.IsCancellationRequested)
        {
            try
            {
                _lost = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
                await ConnectAsync(stopping);
                delay = TimeSpan.FromMilliseconds(250);
                await _lost.Task.WaitAsync(stopping);
            }
            catch (OperationCanceledException) when (stopping.IsCancellationRequested)
            {
                break;
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                FanoutLog.IngestConnectFailed(_logger, ClientId, _uns.Host, _uns.Port, ex.Message);
                await Task.Delay(delay, stopping).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
                delay = TimeSpan.FromTicks(Math.Min(delay.Ticks * 2, TimeSpan.FromSeconds(_uns.ReconnectMaxDelaySeconds).Ticks));
            }
        }

        // On stop, what Kafka confirms within a grace period is still acknowledged, so a clean restart redelivers
        // (duplicates) only what was truly unconfirmed.
        await _acks.StopAsync(StopGrace);
    }

    /// <summary>Disconnects cleanly; unacknowledged messages stay in the broker's session for the next start.</summary>
    public async Task DisconnectAsync()
    {
        if (_client.IsConnected)
        {
            try
            {
                await _client.DisconnectAsync(new MqttClientDisconnectOptionsBuilder().Build());
            }
            catch (Exception ex) when (ex is MQTTnet.Exceptions.MqttCommunicationException or OperationCanceledException)
            {
            }
        }
    }

    public ValueTask DisposeAsync()
    {
        _client.Dispose();
        _acks.Dispose();
        return ValueTask.CompletedTask;
    }

    private async Task ConnectAsync(CancellationToken cancellationToken)
    {
        var builder = new MqttClientOptionsBuilder()
            .WithTcpServer(_uns.Host, _uns.Port)
            .WithStreamProvider(BufferedSocketStreamProvider.Instance)
            .WithClientId(ClientId)
            .WithProtocolVersion(MqttProtocolVersion.V500)
            .WithCleanStart(false)
            .WithSessionExpiryInterval((uint)Math.Max(_uns.SessionExpirySeconds, 60))
            .WithKeepAlivePeriod(TimeSpan.FromSeconds(_uns.KeepAliveSeconds))
            .WithReceiveMaximum((ushort)Math.Min(_options.MaxInFlight, ushort.MaxValue))
            .WithTimeout(TimeSpan.FromSeconds(10));
        if (_uns.Username is not null)
        {
            builder.WithCredentials(_uns.Username, _uns.Password);
        }

        if (_uns.UseTls)
        {
            builder.WithTlsOptions(t => t.UseTls());
        }

        var result = await _client.ConnectAsync(builder.Build(), cancellationToken);
        if (result.ResultCode != MqttClientConnectResultCode.Success)
        {
            throw new InvalidOperationException($"the broker refused the connection: {result.ResultCode} {result.ReasonString}");
        }

        FanoutLog.IngestConnected(_logger, ClientId, _uns.Host, _uns.Port, result.IsSessionPresent);
        if (!result.IsSessionPresent)
        {
            await SubscribeAsync(cancellationToken);
        }
    }

    private async Task SubscribeAsync(CancellationToken cancellationToken)
    {
        var subscribe = new MqttClientSubscribeOptionsBuilder();
        foreach (var filter in _options.EffectiveFilters)
        {
            var shared = _plainSubscriptions || string.IsNullOrEmpty(_options.ShareGroup) ? filter : $"$share/{_options.ShareGroup}/{filter}";
            subscribe.WithTopicFilter(f => f.WithTopic(shared).WithQualityOfServiceLevel(MqttQualityOfServiceLevel.AtLeastOnce));
        }

        var subscribed = await _client.SubscribeAsync(subscribe.Build(), cancellationToken);
        foreach (var item in subscribed.Items.Where(i => (int)i.ResultCode >= 0x80))
        {
            FanoutLog.SubscribeRefused(_logger, item.TopicFilter.Topic, item.ResultCode.ToString());
        }

        // A broker without shared subscriptions (the embedded MQTTnet broker is one) still gets the stream, plainly:
        // then every replica receives everything, so run one replica there.
        if (!_plainSubscriptions && subscribed.Items.Any(i => i.ResultCode == MqttClientSubscribeResultCode.SharedSubscriptionsNotSupported))
        {
            _plainSubscriptions = true;
            FanoutLog.SharedSubscriptionsUnsupported(_logger, ClientId);
            await SubscribeAsync(cancellationToken);
        }
    }

}

using System.Buffers;
using Microsoft.Extensions.Logging;
using MQTTnet;
using MQTTnet.Protocol;
using UnsMes.Sparkplug;

namespace UnsMes.EdgePublisher.Sparkplug;

/// <summary>
/// Puts a <see cref="SparkplugEdgeNode"/> on an MQTTnet client: registers the session's NDEATH as the will, subscribes
/// to the node's NCMD and DCMD topics, publishes births, data and deaths, and answers commands. One gate covers
/// "ask the node, publish the result", so messages reach the broker in seq order even when a command and a report
/// race. Write handlers (<see cref="SparkplugEdgeNode.WriteRequested"/>) run inside that gate: they must hand the
/// write on, not wait for a report through this class.
/// </summary>
/// <remarks>
/// The client stays the caller's: this class neither creates nor disposes it. Reconnecting is the caller's decision: when <see cref="IsConnected"/> turns false, call
/// <see cref="ConnectAsync"/> again; every connect is a new Sparkplug session with the next bdSeq. Primary host
/// (STATE) awareness is not implemented: births go out as soon as the connection is up.
/// </remarks>
internal sealed class SparkplugMqttEdgeNode : IDisposable
{
    private readonly IMqttClient _client;
    private readonly ILogger _logger;
    private readonly SemaphoreSlim _gate = new(1, 1);
    private volatile bool _leaving;

    public SparkplugMqttEdgeNode(SparkplugEdgeNode node, IMqttClient client, ILogger<SparkplugMqttEdgeNode> logger)
    {
        Node = node;
        _client = client;
        _logger = logger;
        _client.ApplicationMessageReceivedAsync += OnMessageAsync;
        _client.DisconnectedAsync += OnDisconnectedAsync;
    }

    public SparkplugEdgeNode Node { get; }

    public bool IsConnected => _client.IsConnected;

    /// <summary>
    /// Starts a session: sets the will (NDEATH, QoS 1, not retained) and a clean session on
    /// <paramref name="options"/> (the caller's server, credentials and TLS stay as given), connects, subscribes to
    /// commands, then publishes NBIRTH and every DBIRTH.
    /// </summary>
    public async Task ConnectAsync(MqttClientOptions options, CancellationToken cancellationToken)
    {
        await _gate.WaitAsync(cancellationToken);
        try
        {
            _leaving = false;
            var will = Node.StartSession();
            options.CleanSession = true;
            options.WillTopic = will.Topic.Value;
            options.WillPayload = will.ToBytes();
            options.WillQualityOfServiceLevel = MqttQualityOfServiceLevel.AtLeastOnce;
            options.WillRetain = false;

            var result = await _client.ConnectAsync(options, cancellationToken);
            if (result.ResultCode != MqttClientConnectResultCode.Success)
            {
                throw new InvalidOperationException($"the broker refused the Sparkplug edge node: {result.ResultCode} {result.ReasonString}");
            }

            await _client.SubscribeAsync(
                new MqttClientSubscribeOptionsBuilder()
                    .WithTopicFilter(SparkplugTopic.NodeCommandFilter(Node.GroupId, Node.EdgeNodeId), MqttQualityOfServiceLevel.AtLeastOnce)
                    .WithTopicFilter(SparkplugTopic.DeviceCommandFilter(Node.GroupId, Node.EdgeNodeId), MqttQualityOfServiceLevel.AtLeastOnce)
                    .Build(),
                cancellationToken);
            var births = Node.Birth();
            await PublishAsync(births, cancellationToken);
            SparkplugLog.Born(_logger, Node.GroupId, Node.EdgeNodeId, Node.BdSeq, births.Count - 1);
        }
        catch
        {
            // No half-born session: the next attempt starts a fresh one with the next bdSeq.
            Node.EndSession();
            throw;
        }
        finally
        {
            _gate.Release();
        }
    }

    /// <summary>Publishes what a device report calls for (DBIRTH, DDATA with the changes, or nothing).</summary>
    public Task ReportAsync(SparkplugDevice device, CancellationToken cancellationToken) =>
        SendAsync(() => Node.Report(device), cancellationToken);

    /// <summary>Publishes what a report of the node's own metrics calls for (NDATA, a rebirth, or nothing).</summary>
    public Task ReportNodeAsync(IReadOnlyList<SparkplugMetricValue> metrics, CancellationToken cancellationToken) =>
        SendAsync(() => Node.ReportNode(metrics), cancellationToken);

    /// <summary>Publishes a DDEATH for a device that went away.</summary>
    public Task RemoveDeviceAsync(string deviceId, CancellationToken cancellationToken) =>
        SendAsync(() => Node.RemoveDevice(deviceId), cancellationToken);

    /// <summary>Leaves on purpose: publishes the NDEATH itself (the broker then drops the will), then disconnects.</summary>
    public async Task DisconnectAsync(CancellationToken cancellationToken)
    {
        await _gate.WaitAsync(cancellationToken);
        try
        {
            _leaving = true;
            if (!_client.IsConnected)
            {
                Node.EndSession();
                return;
            }

            var death = Node.Death();
            await _client.PublishAsync(ToMqtt(death, MqttQualityOfServiceLevel.AtLeastOnce), cancellationToken);
            await _client.DisconnectAsync(new MqttClientDisconnectOptionsBuilder().WithReason(MqttClientDisconnectOptionsReason.NormalDisconnection).Build(), cancellationToken);
        }
        finally
        {
            _gate.Release();
        }
    }

    public void Dispose()
    {
        _client.ApplicationMessageReceivedAsync -= OnMessageAsync;
        _client.DisconnectedAsync -= OnDisconnectedAsync;
        _gate.Dispose();
    }

    private async Task SendAsync(Func<IReadOnlyList<SparkplugMessage>> produce, CancellationToken cancellationToken)
    {
        await _gate.WaitAsync(cancellationToken);
        try
        {
            await PublishAsync(produce(), cancellationToken);
        }
        finally
        {
            _gate.Release();
        }
    }

    // Everything but the NDEATH goes out with QoS 0 and no retain, as the specification requires.
    private async Task PublishAsync(IReadOnlyList<SparkplugMessage> messages, CancellationToken cancellationToken)
    {
        foreach (var message in messages)
        {
            await _client.PublishAsync(ToMqtt(message, MqttQualityOfServiceLevel.AtMostOnce), cancellationToken);
        }
    }

    private async Task OnMessageAsync(MqttApplicationMessageReceivedEventArgs args)
    {
        var topic = args.ApplicationMessage.Topic;
        try
        {
            await _gate.WaitAsync();
            try
            {
                var reply = Node.HandleCommand(topic, args.ApplicationMessage.Payload.ToArray());
                await PublishAsync(reply, CancellationToken.None);
            }
            finally
            {
                _gate.Release();
            }
        }
        catch (Exception ex) when (ex is not ObjectDisposedException)
        {
            // One bad command must never stop the client's message loop.
            SparkplugLog.CommandFailed(_logger, ex, topic);
        }
    }

    private Task OnDisconnectedAsync(MqttClientDisconnectedEventArgs args)
    {
        Node.EndSession();
        if (args.ClientWasConnected && !_leaving)
        {
            SparkplugLog.Disconnected(_logger, Node.GroupId, Node.EdgeNodeId, args.Exception?.Message ?? args.ReasonString ?? args.Reason.ToString());
        }

        return Task.CompletedTask;
    }

    private static MqttApplicationMessage ToMqtt(SparkplugMessage message, MqttQualityOfServiceLevel qos) =>
        new MqttApplicationMessageBuilder()
            .WithTopic(message.Topic.Value)
            .WithPayload(message.ToBytes())
            .WithQualityOfServiceLevel(qos)
            .WithRetainFlag(false)
            .Build();
}

using Microsoft.Extensions.Options;
using MQTTnet;
using UnsMes.EdgePublisher.Model;
using UnsMes.EdgePublisher.Simulation;
using UnsMes.EdgePublisher.Sparkplug;
using UnsMes.ServiceDefaults.Uns;
using UnsMes.Sparkplug;
using UnsMes.Uns.Payloads;

namespace UnsMes.EdgePublisher.Publishing;

/// <summary>
/// Publishes the plant as one Sparkplug B edge node: each machine is a device whose metrics are its state, reason,
/// counters and process values. Keeps its own MQTT connection (a Sparkplug session owns its will and clean start)
/// and reconnects with backoff; each connection is a new session with births and the next bdSeq.
/// </summary>
internal sealed class SparkplugOutput : BackgroundService, IEdgeOutput
{
    private readonly SparkplugMqttEdgeNode _node;
    private readonly IMqttClient _client;
    private readonly UnsClientOptions _connection;
    private readonly Dictionary<string, Dictionary<string, SparkplugMetricValue>> _devices = new(StringComparer.Ordinal);

    public SparkplugOutput(
        PlantModel model,
        IOptions<EdgeOptions> options,
        IOptionsMonitor<UnsClientOptions> connection,
        TimeProvider time,
        ILoggerFactory loggers)
    {
        _connection = connection.Get(EdgeRegistration.ClientName);
        _client = new MqttClientFactory().CreateMqttClient();
        var edgeNodeId = options.Value.Sparkplug.EdgeNodeId ?? model.Site;
        var node = new SparkplugEdgeNode(options.Value.Sparkplug.GroupId, edgeNodeId, time, loggers.CreateLogger<SparkplugEdgeNode>());
        _node = new SparkplugMqttEdgeNode(node, _client, loggers.CreateLogger<SparkplugMqttEdgeNode>());
    }

    /// <summary>The Sparkplug device id of a machine: its line and cell, e.g. <c>line1-saw01</c>.</summary>
    public static string DeviceId(MachineModel machine) => $"{machine.Path.Line}-{machine.Name}";

    public async Task PublishAsync(IReadOnlyList<SimulationChange> changes, CancellationToken cancellationToken)
    {
        var touched = new HashSet<string>(StringComparer.Ordinal);
        foreach (var change in changes)
        {
            var device = DeviceId(change.Machine);
            var metrics = _devices.TryGetValue(device, out var known) ? known : _devices[device] = [];
            touched.Add(device);
            foreach (var metric in Metrics(change))
            {
                metrics[metric.Name] = metric;
            }
        }

        foreach (var device in touched)
        {
            // While disconnected the node only remembers the values; the next births carry them.
            await _node.ReportAsync(new SparkplugDevice(device, [.. _devices[device].Values]), cancellationToken);
        }
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var delay = TimeSpan.FromMilliseconds(250);
        while (!stoppingToken.IsCancellationRequested)
        {
            if (!_node.IsConnected)
            {
                try
                {
                    await _node.ConnectAsync(Options(), stoppingToken);
                    delay = TimeSpan.FromMilliseconds(250);
                }
                catch (Exception ex) when (ex is MQTTnet.Exceptions.MqttCommunicationException or InvalidOperationException)
                {
                    delay = TimeSpan.FromTicks(Math.Min(delay.Ticks * 2, TimeSpan.FromSeconds(_connection.ReconnectMaxDelaySeconds).Ticks));
                }
            }

            await Task.Delay(delay, stoppingToken);
        }
    }

    public override async Task StopAsync(CancellationToken cancellationToken)
    {
        if (_node.IsConnected)
        {
            try
            {
                await _node.DisconnectAsync(cancellationToken);
            }
            catch (Exception ex) when (ex is MQTTnet.Exceptions.MqttCommunicationException or OperationCanceledException)
            {
                // Leaving anyway: if the NDEATH could not be sent, the broker sends the will (the same NDEATH).
            }
        }

        await base.StopAsync(cancellationToken);
    }

    public override void Dispose()
    {
        _node.Dispose();
        _client.Dispose();
        base.Dispose();
    }

    private MqttClientOptions Options()
    {
        var builder = new MqttClientOptionsBuilder()
            .WithTcpServer(_connection.Host, _connection.Port)
            .WithClientId($"{_connection.ClientId ?? $"edge-{Environment.MachineName}".ToLowerInvariant()}-sparkplug")
            .WithProtocolVersion(MQTTnet.Formatter.MqttProtocolVersion.V311);
        if (_connection.Username is not null)
        {
            builder.WithCredentials(_connection.Username, _connection.Password);
        }

        return builder.Build();
    }

    private static IEnumerable<SparkplugMetricValue> Metrics(SimulationChange change) => change switch
    {
        StateChange s =>
        [
            new("state", SparkplugDataType.String, WireState(s.State.State), s.State.Ts),
            new("reasonCode", SparkplugDataType.String, s.State.ReasonCode ?? "", s.State.Ts),
        ],
        CountChange c =>
        [
            new("good", SparkplugDataType.Int64, c.Count.Good, c.Count.Ts),
            new("scrap", SparkplugDataType.Int64, c.Count.Scrap, c.Count.Ts),
        ],
        TagSample t => [new($"tags/{t.Tag.Name}", SparkplugDataType.Double, Math.Round(t.Value, 4), t.Ts)],
        _ => [],
    };

    private static string WireState(MachineState state) => WireNames.Of(state);
}

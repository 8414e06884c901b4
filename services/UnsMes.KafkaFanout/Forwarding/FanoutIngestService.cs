using Microsoft.Extensions.Options;
using UnsMes.ServiceDefaults.Uns;

namespace UnsMes.KafkaFanout.Forwarding;

/// <summary>Runs this replica's ingest connections (members of the shared subscription) and flushes Kafka on the way out.</summary>
internal sealed class FanoutIngestService(
    IOptions<KafkaFanoutOptions> options,
    IOptionsMonitor<UnsClientOptions> unsOptions,
    FanoutPipeline pipeline,
    DeadLetterSink deadLetters,
    ILogger<FanoutIngestService> logger) : BackgroundService
{
    private readonly List<MqttIngestConnection> _connections = [];

    public IReadOnlyList<MqttIngestConnection> Connections => _connections;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var o = options.Value;
        var uns = unsOptions.Get(KafkaFanoutRegistration.ClientName);
        var prefix = o.IngestClientId ?? $"{KafkaFanoutRegistration.ClientName}-ingest-{Environment.MachineName}".ToLowerInvariant();
        for (var i = 0; i < o.IngestConnections; i++)
        {
            _connections.Add(new MqttIngestConnection(o.IngestConnections == 1 ? prefix : $"{prefix}-{i}", uns, o, pipeline, deadLetters, logger));
        }

        await Task.WhenAll(_connections.Select(c => Task.Run(() => c.RunAsync(stoppingToken), CancellationToken.None)));
    }

    public override async Task StopAsync(CancellationToken cancellationToken)
    {
        await base.StopAsync(cancellationToken);
        pipeline.Flush(TimeSpan.FromSeconds(5));
        foreach (var connection in _connections)
        {
            await connection.DisconnectAsync();
            await connection.DisposeAsync();
        }
    }
}

using System.Text;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.Options;
using UnsMes.Broker;

namespace UnsMes.Plant;

/// <summary>Once the host is up, says where to connect: MQTT, WebSocket, web endpoints and the development logins.</summary>
internal sealed partial class ConnectionBanner(
    IHostApplicationLifetime lifetime,
    IServer server,
    IOptions<BrokerOptions> broker,
    IOptions<PlantOptions> plant,
    ILogger<ConnectionBanner> logger) : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken)
    {
        lifetime.ApplicationStarted.Register(AnnounceConnections);
        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    private void AnnounceConnections()
    {
        if (logger.IsEnabled(LogLevel.Information))
        {
#pragma warning disable CA1873 // Guarded just above; the analyzer does not see through the check.
            Announce(Describe());
#pragma warning restore CA1873
        }
    }

    private string Describe()
    {
        var host = plant.Value.AdvertisedHost;
        // With the Kestrel transport the MQTT listeners are server addresses too; only the HTTP ones are web URLs.
        int[] mqttPorts = [broker.Value.TcpPort, broker.Value.Tls.Port];
        var web = (server.Features.Get<IServerAddressesFeature>()?.Addresses ?? [])
            .Where(a => !mqttPorts.Contains(new Uri(a.Replace("[::]", "localhost", StringComparison.Ordinal)).Port))
            .Select(a => a.Replace("0.0.0.0", host, StringComparison.Ordinal).Replace("[::]", host, StringComparison.Ordinal))
            .ToList();
        var text = new StringBuilder();
        text.AppendLine("UnsMes plant is running.");
        text.AppendLine($"  MQTT (TCP):        mqtt://{host}:{broker.Value.TcpPort}");
        if (broker.Value.Tls.Enabled)
        {
            text.AppendLine($"  MQTT (TLS):        mqtts://{host}:{broker.Value.Tls.Port}");
        }

        foreach (var address in web)
        {
            text.AppendLine($"  Dashboard:         {address}/");
            text.AppendLine($"  MQTT (WebSocket):  {address.Replace("http", "ws", StringComparison.Ordinal)}{broker.Value.WebSocketPath}");
            text.AppendLine($"  Health:            {address}/health   Metrics: {address}/metrics");
            text.AppendLine($"  OEE answers:       {address}/api/oee/downtime?scope=... /api/oee/losses?scope=... /api/oee/figures?scope=...");
            text.AppendLine($"  History:           {address}/api/history/tags?filter=uns/v1/%23  (API description: /api/history/openapi/historian.json)");
        }

        foreach (var login in plant.Value.DevelopmentLogins)
        {
            text.AppendLine($"  Login:             {login}");
        }

        text.Append("  Browse with MQTT Explorer: subscribe to uns/# and $SYS/#. Stop with Ctrl+C.");
        return text.ToString();
    }

    [LoggerMessage(EventId = 3001, Level = LogLevel.Information, Message = "{Banner}")]
    private partial void Announce(string banner);
}

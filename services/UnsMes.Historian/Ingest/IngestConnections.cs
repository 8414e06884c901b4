using Microsoft.Extensions.Options;
using UnsMes.ServiceDefaults.Uns;

namespace UnsMes.Historian.Ingest;

/// <summary>
/// The historian's connections to the broker that ingest (<see cref="HistorianOptions.IngestConnections"/>): the
/// service's own client, plus as many more as asked for, each with its own persistent session (client id
/// <c>{client id}-{n}</c>) and no status of its own. With more than one, they subscribe in one MQTT 5 shared
/// subscription group (<c>$share/historian/{filter}</c>), so the broker gives each message to one of them.
/// </summary>
internal sealed class IngestConnections : IHostedService, IAsyncDisposable
{
    /// <summary>The shared subscription group of the ingest connections.</summary>
    public const string ShareGroup = "historian";

    private readonly List<UnsClient> _extra = [];

    public IngestConnections(
        [FromKeyedServices(HistorianRegistration.ClientName)] UnsClient client,
        IOptions<HistorianOptions> options,
        IOptionsMonitor<UnsClientOptions> clientOptions,
        ILogger<UnsClient> logger,
        TimeProvider time)
    {
        var count = options.Value.IngestConnections;
        var primary = clientOptions.Get(HistorianRegistration.ClientName);
        for (var n = 2; n <= count; n++)
        {
            _extra.Add(new UnsClient(HistorianRegistration.ClientName, Extra(primary, $"{client.ClientId}-{n}"), logger, time));
        }

        Clients = [client, .. _extra];
    }

    /// <summary>The service's client first, then the extra connections.</summary>
    public IReadOnlyList<UnsClient> Clients { get; }

    /// <summary>The filters as the connections subscribe them: in the share group when there are several.</summary>
    public IReadOnlyList<string> Filters(IReadOnlyList<string> filters) =>
        Clients.Count == 1
            ? filters
            : [.. filters.Select(f => f.StartsWith("$share/", StringComparison.Ordinal) ? f : $"$share/{ShareGroup}/{f}")];

    public async Task StartAsync(CancellationToken cancellationToken)
    {
        foreach (var client in _extra)
        {
            await client.StartAsync(cancellationToken);
        }
    }

    public async Task StopAsync(CancellationToken cancellationToken)
    {
        foreach (var client in _extra)
        {
            await client.StopAsync(cancellationToken);
        }
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var client in _extra)
        {
            await client.DisposeAsync();
        }
    }

    private static UnsClientOptions Extra(UnsClientOptions primary, string clientId) => new()
    {
        Host = primary.Host,
        Port = primary.Port,
        Username = primary.Username,
        Password = primary.Password,
        ClientId = clientId,
        CleanStart = primary.CleanStart,
        SessionExpirySeconds = primary.SessionExpirySeconds,
        KeepAliveSeconds = primary.KeepAliveSeconds,
        UseTls = primary.UseTls,
        ReconnectMaxDelaySeconds = primary.ReconnectMaxDelaySeconds,
        PublishStatus = false,
    };
}

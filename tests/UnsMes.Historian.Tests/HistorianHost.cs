using System.Globalization;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using UnsMes.Historian.Ingest;
using UnsMes.Historian.Storage;
using UnsMes.Testing;

namespace UnsMes.Historian.Tests;

/// <summary>The historian service in this process, against a test broker, with its HTTP API on a free port.</summary>
public sealed class HistorianHost : IAsyncDisposable
{
    private readonly WebApplication _app;

    private HistorianHost(WebApplication app, int port)
    {
        _app = app;
        Http = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{port}") };
    }

    public HttpClient Http { get; }
    public IngestStatus Status => _app.Services.GetRequiredService<IngestStatus>();
    public IHistorianStore Store => _app.Services.GetRequiredService<IHistorianStore>();

    public static async Task<HistorianHost> StartAsync(TestBroker broker, IDictionary<string, string?> settings, bool waitForIngest = true)
    {
        var port = FreePort.Next();
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions { EnvironmentName = "Development" });
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Uns:Host"] = "127.0.0.1",
            ["Uns:Port"] = broker.Port.ToString(CultureInfo.InvariantCulture),
            ["Uns:ReconnectMaxDelaySeconds"] = "1",
            ["Historian:BatchMaxDelayMs"] = "50",
            ["Historian:MaintenanceIntervalSeconds"] = "3600",
        });
        builder.Configuration.AddInMemoryCollection(settings);
        builder.WebHost.UseUrls($"http://127.0.0.1:{port}");
        builder.Logging.SetMinimumLevel(LogLevel.Warning);
        builder.AddHistorian();
        var app = builder.Build();
        app.MapHistorian();

        // The ingest subscribes once the store's schema is in place: from then on the host is ready.
        var subscribed = broker.WaitForSubscriptionAsync("uns/v1/+/+/+/+/+/_tag/+", TimeSpan.FromSeconds(30));
        await app.StartAsync();
        if (waitForIngest)
        {
            await subscribed;
        }

        return new HistorianHost(app, port);
    }

    /// <summary>Waits until the ingest has acknowledged at least this many messages.</summary>
    public async Task WaitForMessagesAsync(long count, TimeSpan? timeout = null)
    {
        using var cts = new CancellationTokenSource(timeout ?? TimeSpan.FromSeconds(20));
        while (Status.Messages < count)
        {
            await Task.Delay(20, cts.Token);
        }
    }

    public async ValueTask DisposeAsync()
    {
        Http.Dispose();
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}

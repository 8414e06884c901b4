using System.Globalization;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Logging;
using UnsMes.Testing;

namespace UnsMes.Wip.Tests;

/// <summary>The WIP tracker alone in a web host on a free port, its state and genealogy in the broker's temp folder.</summary>
internal sealed class WipHost : IAsyncDisposable
{
    private readonly WebApplication _app;

    private WipHost(WebApplication app, HttpClient http)
    {
        _app = app;
        Http = http;
    }

    public HttpClient Http { get; }

    public static async Task<WipHost> StartAsync(TestBroker broker, IDictionary<string, string?>? settings = null)
    {
        var port = FreePort.Next();
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions { EnvironmentName = "Development", ContentRootPath = broker.DataDirectory });
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Uns:Host"] = "127.0.0.1",
            ["Uns:Port"] = broker.Port.ToString(CultureInfo.InvariantCulture),
            ["Wip:PublishIntervalMs"] = "100",
            ["Wip:StatePath"] = Path.Combine(broker.DataDirectory, "wip-state.json"),
            ["Wip:GenealogyPath"] = Path.Combine(broker.DataDirectory, "wip-genealogy.db"),
        });
        if (settings is not null)
        {
            builder.Configuration.AddInMemoryCollection(settings);
        }

        builder.WebHost.UseUrls($"http://127.0.0.1:{port}");
        builder.Logging.SetMinimumLevel(LogLevel.Warning);
        builder.AddWipTracker();
        var app = builder.Build();
        app.MapWipTracker();
        await app.StartAsync();
        return new WipHost(app, new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{port}") });
    }

    public async ValueTask DisposeAsync()
    {
        Http.Dispose();
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}

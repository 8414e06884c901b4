using System.Globalization;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Logging;
using UnsMes.Testing;

namespace UnsMes.Dashboard.Tests.Hosts;

/// <summary>A web host on a free loopback port, configured for a test broker, stopped by the test that started it.</summary>
public sealed class WebHost : IAsyncDisposable
{
    private readonly WebApplication _app;

    private WebHost(WebApplication app, Uri baseAddress)
    {
        _app = app;
        BaseAddress = baseAddress;
        Http = new HttpClient { BaseAddress = baseAddress, Timeout = TimeSpan.FromSeconds(30) };
    }

    public Uri BaseAddress { get; }

    public HttpClient Http { get; }

    public IServiceProvider Services => _app.Services;

    /// <summary>Builds and starts a host; <paramref name="register"/> adds the services, <paramref name="map"/> maps them.</summary>
    public static async Task<WebHost> StartAsync(
        TestBroker? broker,
        IDictionary<string, string?> settings,
        Action<WebApplicationBuilder> register,
        Action<WebApplication> map)
    {
        var port = FreePort.Next();
        var contentRoot = broker?.DataDirectory ?? Directory.CreateTempSubdirectory("unsmes-dashboard-test-").FullName;
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions { EnvironmentName = "Development", ContentRootPath = contentRoot });
        if (broker is not null)
        {
            builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
            {
                ["Uns:Host"] = "127.0.0.1",
                ["Uns:Port"] = broker.Port.ToString(CultureInfo.InvariantCulture),
                ["Uns:CleanStart"] = "true",
                ["Uns:ReconnectMaxDelaySeconds"] = "1",
            });
        }

        builder.Configuration.AddInMemoryCollection(settings);
        builder.WebHost.UseUrls($"http://127.0.0.1:{port}");
        builder.Logging.SetMinimumLevel(LogLevel.Warning);
        register(builder);
        var app = builder.Build();
        map(app);
        await app.StartAsync();
        return new WebHost(app, new Uri($"http://127.0.0.1:{port}"));
    }

    public async ValueTask DisposeAsync()
    {
        Http.Dispose();
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}

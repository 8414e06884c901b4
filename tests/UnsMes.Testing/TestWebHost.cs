using System.Globalization;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Logging;

namespace UnsMes.Testing;

/// <summary>
/// A service in a web host of its own on a free loopback port, configured for a test broker (clean MQTT session unless
/// the settings say otherwise), stopped by the test that started it.
/// </summary>
public sealed class TestWebHost : IAsyncDisposable
{
    private readonly WebApplication _app;

    private TestWebHost(WebApplication app, Uri baseAddress)
    {
        _app = app;
        BaseAddress = baseAddress;
        Http = new HttpClient { BaseAddress = baseAddress, Timeout = TimeSpan.FromSeconds(30) };
    }

    public Uri BaseAddress { get; }

    public HttpClient Http { get; }

    public IServiceProvider Services => _app.Services;

    /// <summary>Builds and starts a host; <paramref name="register"/> adds the services, <paramref name="map"/> maps them.</summary>
    public static async Task<TestWebHost> StartAsync(
        TestBroker? broker,
        IDictionary<string, string?> settings,
        Action<WebApplicationBuilder> register,
        Action<WebApplication> map)
    {
        var port = FreePort.Next();
        var contentRoot = broker?.DataDirectory ?? Directory.CreateTempSubdirectory("unsmes-service-test-").FullName;
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
        return new TestWebHost(app, new Uri($"http://127.0.0.1:{port}"));
    }

    public async ValueTask DisposeAsync()
    {
        Http.Dispose();
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}

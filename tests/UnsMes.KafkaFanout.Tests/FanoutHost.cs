using System.Globalization;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using UnsMes.ServiceDefaults;
using UnsMes.Testing;

namespace UnsMes.KafkaFanout.Tests;

/// <summary>The fan-out as its Program.cs runs it (service defaults, /health), in this process, against a test broker and cluster.</summary>
public sealed class FanoutHost : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly HttpClient _http;

    private FanoutHost(WebApplication app, int httpPort)
    {
        _app = app;
        _http = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{httpPort}") };
    }

    public IServiceProvider Services => _app.Services;

    /// <summary>The settings a test fan-out runs with; <paramref name="extra"/> overrides or adds.</summary>
    public static Dictionary<string, string?> Settings(TestBroker broker, string bootstrap, string id, IDictionary<string, string?>? extra = null) =>
        Settings(broker.Port, bootstrap, id, extra);

    public static Dictionary<string, string?> Settings(int brokerPort, string bootstrap, string id, IDictionary<string, string?>? extra = null)
    {
        var settings = new Dictionary<string, string?>
        {
            ["Uns:Host"] = "127.0.0.1",
            ["Uns:Port"] = brokerPort.ToString(CultureInfo.InvariantCulture),
            ["Uns:ClientId"] = $"fanout-{id}",
            ["Kafka:BootstrapServers"] = bootstrap,
            ["Kafka:IngestClientId"] = $"fanout-ingest-{id}",
            ["Kafka:ShareGroup"] = $"g{id}",
            ["Kafka:StatusIntervalSeconds"] = "1",
            ["Kafka:LingerMs"] = "1",
            ["Kafka:CreateTopics"] = "false",
        };
        foreach (var (key, value) in extra ?? new Dictionary<string, string?>())
        {
            settings[key] = value;
        }

        return settings;
    }

    /// <summary>Starts and waits until the ingest connection's shared subscription to the first filter is in place.</summary>
    public static Task<FanoutHost> StartAsync(TestBroker broker, IDictionary<string, string?> settings, string firstFilter) =>
        // The embedded broker refuses shared subscriptions; the fan-out then subscribes the plain filter.
        StartAsync(settings, broker.WaitForSubscriptionAsync(firstFilter, TimeSpan.FromSeconds(20)));

    /// <summary>Starts, then waits for <paramref name="subscribed"/> (null: returns once the host runs).</summary>
    public static async Task<FanoutHost> StartAsync(IDictionary<string, string?> settings, Task? subscribed)
    {
        var httpPort = FreePort.Next();
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions { EnvironmentName = "Development" });
        builder.Configuration.AddInMemoryCollection(settings);
        builder.WebHost.UseUrls($"http://127.0.0.1:{httpPort}");
        builder.Logging.SetMinimumLevel(LogLevel.Warning);
        builder.AddServiceDefaults();
        builder.AddKafkaFanout();
        var app = builder.Build();
        app.MapDefaultEndpoints();
        app.MapKafkaFanout();
        await app.StartAsync();
        if (subscribed is not null)
        {
            await subscribed;
        }

        return new FanoutHost(app, httpPort);
    }

    public async Task<(int Status, string Body)> GetAsync(string path)
    {
        using var response = await _http.GetAsync(new Uri(path, UriKind.Relative));
        return ((int)response.StatusCode, await response.Content.ReadAsStringAsync());
    }

    /// <summary>Polls /health until it answers with <paramref name="status"/> (200 healthy, 503 unhealthy).</summary>
    public async Task WaitForHealthAsync(int status, TimeSpan timeout)
    {
        var deadline = DateTime.UtcNow + timeout;
        (int Status, string Body) last = default;
        while (DateTime.UtcNow < deadline)
        {
            last = await GetAsync("/health");
            if (last.Status == status)
            {
                return;
            }

            await Task.Delay(100);
        }

        Assert.Fail($"/health did not answer {status} within {timeout}; last: {last.Status} {last.Body}");
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
        _http.Dispose();
    }
}

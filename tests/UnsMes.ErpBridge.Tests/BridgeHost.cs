using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using UnsMes.Testing;

namespace UnsMes.ErpBridge.Tests;

/// <summary>The ERP bridge in this process, on the test broker, with fast polling and short delivery delays.</summary>
internal sealed class BridgeHost : IAsyncDisposable
{
    private readonly WebApplication _app;

    private BridgeHost(WebApplication app, int port)
    {
        _app = app;
        Api = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{port}/"), Timeout = TimeSpan.FromSeconds(10) };
    }

    public HttpClient Api { get; }

    public IServiceProvider Services => _app.Services;

    /// <summary>The settings every bridge in these tests starts with (the caller adds the adapter's).</summary>
    public static Dictionary<string, string?> Settings(TestBroker broker, string outboxPath) => new()
    {
        ["Uns:Port"] = broker.Port.ToString(System.Globalization.CultureInfo.InvariantCulture),
        ["ErpBridge:OutboxPath"] = outboxPath,
        ["ErpBridge:PollIntervalSeconds"] = "0.2",
        ["ErpBridge:StatusIntervalSeconds"] = "0.3",
        ["ErpBridge:Delivery:MaxRetryAttempts"] = "2",
        ["ErpBridge:Delivery:RetryBaseDelayMs"] = "20",
        ["ErpBridge:Delivery:RetryMaxDelayMs"] = "200",
        ["ErpBridge:Delivery:AttemptTimeoutMs"] = "1500",
        ["ErpBridge:Delivery:BreakDurationSeconds"] = "1",
        ["ErpBridge:Delivery:PauseAfterFailureMs"] = "200",
    };

    public static async Task<BridgeHost> StartAsync(TestBroker broker, string outboxPath, IDictionary<string, string?> extra)
    {
        var port = FreePort.Next();
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions { EnvironmentName = "Development", ContentRootPath = Path.GetDirectoryName(outboxPath) });
        builder.Configuration.AddInMemoryCollection(Settings(broker, outboxPath));
        builder.Configuration.AddInMemoryCollection(extra);
        builder.WebHost.UseUrls($"http://127.0.0.1:{port}");
        builder.Logging.SetMinimumLevel(LogLevel.Warning);
        builder.AddErpBridge();
        var app = builder.Build();
        app.MapErpBridge();

        // Write-backs published before the bridge subscribed would be lost to it: wait for its last subscription.
        var subscribed = broker.WaitForSubscriptionAsync("uns/v1/+/+/_completion/+");
        await app.StartAsync();
        await subscribed;
        return new BridgeHost(app, port);
    }

    public async Task<OutboxView> OutboxAsync() =>
        (await Api.GetFromJsonAsync<OutboxView>("api/erp/outbox", new JsonSerializerOptions(JsonSerializerDefaults.Web)))!;

    public async ValueTask DisposeAsync()
    {
        Api.Dispose();
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}

internal sealed record OutboxView(long Pending, long Parked, long Delivered, double OldestPendingAgeS, List<OutboxRecordView> PendingRecords, List<OutboxRecordView> ParkedRecords);

internal sealed record OutboxRecordView(string MessageId, string Topic, int Attempts, string? LastError, string? ParkedReason);

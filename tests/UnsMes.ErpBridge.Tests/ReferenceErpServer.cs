using System.Net.Http.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using UnsMes.ErpBridge.Contract;
using UnsMes.ReferenceErp;
using UnsMes.ReferenceErp.Store;
using UnsMes.Testing;

namespace UnsMes.ErpBridge.Tests;

/// <summary>The reference ERP over real HTTP on a free loopback port, its SQLite file in a temp folder; it can be stopped and started again on both.</summary>
internal sealed class ReferenceErpServer : IAsyncDisposable
{
    private readonly string _directory = Directory.CreateTempSubdirectory("unsmes-erp-").FullName;
    private readonly string? _apiKey;
    private WebApplication? _app;

    private ReferenceErpServer(string? apiKey)
    {
        _apiKey = apiKey;
        Port = FreePort.Next();
        Http = new HttpClient { BaseAddress = new Uri(BaseUrl), Timeout = TimeSpan.FromSeconds(10) };
        if (apiKey is not null)
        {
            Http.DefaultRequestHeaders.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", apiKey);
        }
    }

    public int Port { get; }

    public string BaseUrl => $"http://127.0.0.1:{Port}/erp/";

    /// <summary>For the planner's calls (release, cancel, read back what was booked).</summary>
    public HttpClient Http { get; }

    public static async Task<ReferenceErpServer> StartAsync(string? apiKey = null)
    {
        var server = new ReferenceErpServer(apiKey);
        await server.StartAgainAsync();
        return server;
    }

    public async Task StartAgainAsync()
    {
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions { EnvironmentName = "Development", ContentRootPath = _directory });
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["ReferenceErp:DatabasePath"] = Path.Combine(_directory, "erp.db"),
            ["ReferenceErp:ApiKey"] = _apiKey,
        });
        builder.WebHost.UseUrls($"http://127.0.0.1:{Port}");
        builder.Logging.SetMinimumLevel(LogLevel.Warning);
        builder.AddReferenceErp();
        var app = builder.Build();
        app.MapReferenceErp();
        await app.StartAsync();
        _app = app;
    }

    public async Task StopAsync()
    {
        if (_app is not null)
        {
            await _app.StopAsync();
            await _app.DisposeAsync();
            _app = null;
        }
    }

    public async Task<JobOrderActuals> ActualsAsync(string id) =>
        (await Http.GetFromJsonAsync<JobOrderActuals>($"v1/planner/job-orders/{id}", ErpJson.Options))!;

    public async Task ReleaseAsync(JobOrder order) =>
        (await Http.PostAsJsonAsync("v1/planner/job-orders", order, ErpJson.Options)).EnsureSuccessStatusCode();

    public async Task CancelAsync(string id) =>
        (await Http.PostAsync($"v1/planner/job-orders/{id}/cancel", null)).EnsureSuccessStatusCode();

    public async ValueTask DisposeAsync()
    {
        await StopAsync();
        Http.Dispose();
        try
        {
            Directory.Delete(_directory, recursive: true);
        }
        catch (IOException)
        {
            // Left for the temp cleaner.
        }
    }
}

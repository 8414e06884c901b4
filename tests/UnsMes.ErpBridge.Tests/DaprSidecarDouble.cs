using System.Collections.Concurrent;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;
using UnsMes.Testing;

namespace UnsMes.ErpBridge.Tests;

/// <summary>
/// A stand-in for the Dapr sidecar (no Dapr runtime runs on the test machines) speaking the two parts of Dapr's
/// HTTP API the bridge uses: service invocation (<c>/v1.0/invoke/{appId}/method/{path}</c>, forwarded to the app
/// registered under that id) and secrets (<c>GET /v1.0/secrets/{store}/{name}</c>, from an in-memory store).
/// </summary>
internal sealed class DaprSidecarDouble : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly HttpClient _forward = new();
    private readonly Dictionary<string, string> _apps;
    private readonly Dictionary<(string Store, string Name), Dictionary<string, string>> _secrets;

    private DaprSidecarDouble(WebApplication app, int port, Dictionary<string, string> apps, Dictionary<(string, string), Dictionary<string, string>> secrets)
    {
        _app = app;
        _apps = apps;
        _secrets = secrets;
        Endpoint = $"http://127.0.0.1:{port}";
    }

    public string Endpoint { get; }

    /// <summary>Every call as "invoke {appId} {method} {path}" or "secret {store}/{name}".</summary>
    public ConcurrentQueue<string> Calls { get; } = new();

    public static async Task<DaprSidecarDouble> StartAsync(Dictionary<string, string> apps, Dictionary<(string, string), Dictionary<string, string>> secrets)
    {
        var port = FreePort.Next();
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls($"http://127.0.0.1:{port}");
        builder.Logging.SetMinimumLevel(LogLevel.Warning);
        var app = builder.Build();
        var sidecar = new DaprSidecarDouble(app, port, apps, secrets);
        app.Map("/v1.0/invoke/{appId}/method/{**path}", sidecar.InvokeAsync);
        app.MapGet("/v1.0/secrets/{store}/{name}", sidecar.Secret);
        await app.StartAsync();
        return sidecar;
    }

    private IResult Secret(string store, string name)
    {
        Calls.Enqueue($"secret {store}/{name}");
        return _secrets.TryGetValue((store, name), out var secret)
            ? Results.Json(secret)
            : Results.Json(new { errorCode = "ERR_SECRET_GET", message = $"secret {name} not found in {store}" }, statusCode: 500);
    }

    private async Task InvokeAsync(HttpContext context, string appId, string path)
    {
        Calls.Enqueue($"invoke {appId} {context.Request.Method} {path}");
        if (!_apps.TryGetValue(appId, out var baseUrl))
        {
            context.Response.StatusCode = 500;
            await context.Response.WriteAsJsonAsync(new { errorCode = "ERR_DIRECT_INVOKE", message = $"app id {appId} is not known" });
            return;
        }

        using var request = new HttpRequestMessage(new HttpMethod(context.Request.Method), new Uri(new Uri(baseUrl), path + context.Request.QueryString));
        if (context.Request.ContentLength > 0 || context.Request.Headers.TransferEncoding.Count > 0)
        {
            request.Content = new StreamContent(context.Request.Body);
            request.Content.Headers.ContentType = System.Net.Http.Headers.MediaTypeHeaderValue.Parse(context.Request.ContentType ?? "application/json");
        }

        // Dapr passes the caller's headers on to the app.
        foreach (var header in context.Request.Headers.Where(h => h.Key is "Authorization" || h.Key.StartsWith("Idempotency", StringComparison.OrdinalIgnoreCase)))
        {
            request.Headers.TryAddWithoutValidation(header.Key, header.Value.ToArray());
        }

        using var answer = await _forward.SendAsync(request, context.RequestAborted);
        context.Response.StatusCode = (int)answer.StatusCode;
        context.Response.ContentType = answer.Content.Headers.ContentType?.ToString();
        await answer.Content.CopyToAsync(context.Response.Body, context.RequestAborted);
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
        _forward.Dispose();
    }
}

using System.Collections.Concurrent;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;
using UnsMes.Testing;

namespace UnsMes.ErpBridge.Tests.Tryton;

/// <summary>
/// A test double in front of Tryton's JSON-RPC: passes every call on, but for the first call of each chosen method
/// throws Tryton's answer away and answers 502, so the bridge sees a failure although Tryton did the work. This is
/// the case a write-back must survive without booking twice.
/// </summary>
internal sealed class LossyRpcProxy : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly HttpClient _tryton;
    private readonly ConcurrentDictionary<string, int> _toLose;

    private LossyRpcProxy(WebApplication app, HttpClient tryton, int port, IEnumerable<string> methods)
    {
        _app = app;
        _tryton = tryton;
        _toLose = new ConcurrentDictionary<string, int>(methods.Select(m => KeyValuePair.Create(m, 1)));
        Url = $"http://127.0.0.1:{port}/";
    }

    public string Url { get; }

    public ConcurrentQueue<string> Lost { get; } = new();

    public static async Task<LossyRpcProxy> StartAsync(string trytonUrl, params string[] methods)
    {
        var port = FreePort.Next();
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls($"http://127.0.0.1:{port}");
        builder.Logging.SetMinimumLevel(LogLevel.Warning);
        var app = builder.Build();
        var proxy = new LossyRpcProxy(app, new HttpClient { BaseAddress = new Uri(trytonUrl) }, port, methods);
        app.Map("/{**path}", proxy.ForwardAsync);
        await app.StartAsync();
        return proxy;
    }

    private async Task ForwardAsync(HttpContext context, string? path)
    {
        using var reader = new StreamReader(context.Request.Body);
        var body = await reader.ReadToEndAsync(context.RequestAborted);
        using var request = new HttpRequestMessage(HttpMethod.Post, path) { Content = new StringContent(body, System.Text.Encoding.UTF8, "application/json") };
        if (context.Request.Headers.Authorization.Count > 0)
        {
            request.Headers.TryAddWithoutValidation("Authorization", context.Request.Headers.Authorization.ToArray());
        }

        using var answer = await _tryton.SendAsync(request, context.RequestAborted);
        var reply = await answer.Content.ReadAsByteArrayAsync(context.RequestAborted);
        var method = System.Text.Json.JsonDocument.Parse(body).RootElement.GetProperty("method").GetString() ?? "";
        if (answer.IsSuccessStatusCode && _toLose.TryGetValue(method, out var left) && left > 0 && _toLose.TryUpdate(method, left - 1, left))
        {
            Lost.Enqueue(method);
            context.Response.StatusCode = StatusCodes.Status502BadGateway;
            return;
        }

        context.Response.StatusCode = (int)answer.StatusCode;
        context.Response.ContentType = "application/json";
        await context.Response.Body.WriteAsync(reply, context.RequestAborted);
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
        _tryton.Dispose();
    }
}

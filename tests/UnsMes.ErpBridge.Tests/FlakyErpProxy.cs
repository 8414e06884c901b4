using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;
using UnsMes.Testing;

namespace UnsMes.ErpBridge.Tests;

/// <summary>
/// A test double in front of the reference ERP (real HTTP both ways) that misbehaves on request: answers the next
/// job responses with 5xx without passing them on, or passes them on (so the ERP books) and answers only after the
/// bridge has given up waiting, which is the case the idempotency key exists for.
/// </summary>
internal sealed class FlakyErpProxy : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly HttpClient _erp;
    private int _failNext;
    private long _delayMs;
    private int _forwardedPosts;

    private FlakyErpProxy(WebApplication app, HttpClient erp, int port)
    {
        _app = app;
        _erp = erp;
        BaseUrl = $"http://127.0.0.1:{port}/erp/";
    }

    public string BaseUrl { get; }

    public int ForwardedPosts => Volatile.Read(ref _forwardedPosts);

    public static async Task<FlakyErpProxy> StartAsync(string erpBaseUrl)
    {
        var port = FreePort.Next();
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls($"http://127.0.0.1:{port}");
        builder.Logging.SetMinimumLevel(LogLevel.Warning);
        var app = builder.Build();
        var proxy = new FlakyErpProxy(app, new HttpClient { BaseAddress = new Uri(erpBaseUrl) }, port);
        app.Map("/erp/{**path}", proxy.ForwardAsync);
        await app.StartAsync();
        return proxy;
    }

    /// <summary>The next <paramref name="count"/> job responses get <paramref name="status"/> and never reach the ERP.</summary>
    public void FailNext(int count) => Volatile.Write(ref _failNext, count);

    /// <summary>Job responses reach the ERP (which books them) but the answer is held back this long.</summary>
    public void DelayAnswers(TimeSpan delay) => Interlocked.Exchange(ref _delayMs, (long)delay.TotalMilliseconds);

    private async Task ForwardAsync(HttpContext context, string path)
    {
        var isPost = HttpMethods.IsPost(context.Request.Method);
        if (isPost && Interlocked.Decrement(ref _failNext) >= 0)
        {
            context.Response.StatusCode = StatusCodes.Status503ServiceUnavailable;
            await context.Response.WriteAsJsonAsync(new { title = "Service Unavailable", detail = "the ERP is overloaded (simulated)" });
            return;
        }

        using var request = new HttpRequestMessage(new HttpMethod(context.Request.Method), path + context.Request.QueryString);
        if (isPost)
        {
            request.Content = new StreamContent(context.Request.Body);
            request.Content.Headers.ContentType = System.Net.Http.Headers.MediaTypeHeaderValue.Parse(context.Request.ContentType ?? "application/json");
            Interlocked.Increment(ref _forwardedPosts);
        }

        foreach (var header in context.Request.Headers.Where(h => h.Key.StartsWith("Idempotency", StringComparison.OrdinalIgnoreCase)))
        {
            request.Headers.TryAddWithoutValidation(header.Key, header.Value.ToArray());
        }

        using var answer = await _erp.SendAsync(request, context.RequestAborted);
        var body = await answer.Content.ReadAsByteArrayAsync(context.RequestAborted);
        if (isPost && Interlocked.Read(ref _delayMs) is > 0 and var delay)
        {
            await Task.Delay(TimeSpan.FromMilliseconds(delay), context.RequestAborted);
        }

        context.Response.StatusCode = (int)answer.StatusCode;
        context.Response.ContentType = answer.Content.Headers.ContentType?.ToString();
        await context.Response.Body.WriteAsync(body, context.RequestAborted);
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
        _erp.Dispose();
    }
}

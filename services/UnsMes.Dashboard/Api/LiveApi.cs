using System.Text;
using System.Text.Json;
using Microsoft.AspNetCore.Http.Features;
using UnsMes.Dashboard.Live;

namespace UnsMes.Dashboard.Api;

/// <summary>
/// The live namespace for browsers: a snapshot of the topic tree, and a server-sent event stream that starts with a
/// snapshot and then carries every message as it arrives.
/// </summary>
internal static class LiveApi
{
    private static readonly TimeSpan Heartbeat = TimeSpan.FromSeconds(15);

    // Payloads travel as JSON strings inside the event; escaping their quotes as \u0022 would only make them longer.
    private static readonly JsonSerializerOptions Json = new() { Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    public static void MapLiveApi(this IEndpointRouteBuilder app)
    {
        app.MapGet("/api/dashboard/topics", Topics).WithSummary("Latest payload of every topic under a prefix, and the recent history of event topics");
        app.MapGet("/api/dashboard/stream", StreamAsync).WithSummary("Server-sent events: 'snapshot' first, then one 'message' per UNS message");
    }

    private static IResult Topics(TopicTree tree, TimeProvider time, string? prefix) =>
        Results.Text(Snapshot(tree, time, prefix), "application/json", Encoding.UTF8);

    private static async Task StreamAsync(HttpContext context, TopicTree tree, LiveFeed feed, TimeProvider time, IHostApplicationLifetime lifetime)
    {
        // The stream never ends by itself: it ends when the browser leaves or the host stops (a host waits for open
        // requests before it stops its services, so an open stream would hold up every service's shutdown).
        using var ending = CancellationTokenSource.CreateLinkedTokenSource(context.RequestAborted, lifetime.ApplicationStopping);
        var cancellationToken = ending.Token;
        context.Features.Get<IHttpResponseBodyFeature>()?.DisableBuffering();
        context.Response.ContentType = "text/event-stream";
        context.Response.Headers.CacheControl = "no-cache";
        context.Response.Headers["X-Accel-Buffering"] = "no";

        // Subscribe before taking the snapshot: a message in between arrives twice, which the page tolerates.
        using var subscriber = feed.Subscribe();
        await WriteEventAsync(context.Response, "snapshot", Snapshot(tree, time, prefix: null), cancellationToken);
        try
        {
            var reader = subscriber.Queue.Reader;
            while (!cancellationToken.IsCancellationRequested)
            {
                using var beat = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
                beat.CancelAfter(Heartbeat);
                bool ready;
                try
                {
                    ready = await reader.WaitToReadAsync(beat.Token);
                }
                catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
                {
                    await context.Response.WriteAsync(": keep-alive\n\n", cancellationToken);
                    await context.Response.Body.FlushAsync(cancellationToken);
                    continue;
                }

                if (!ready)
                {
                    return;
                }

                if (subscriber.TakeBehind())
                {
                    while (reader.TryRead(out _))
                    {
                        // The snapshot below supersedes whatever was queued.
                    }

                    await WriteEventAsync(context.Response, "snapshot", Snapshot(tree, time, prefix: null), cancellationToken);
                    continue;
                }

                var batch = new StringBuilder();
                var count = 0;
                while (count < 500 && reader.TryRead(out var message))
                {
                    batch.Append("event: message\ndata: ").Append(JsonSerializer.Serialize(message, Json)).Append("\n\n");
                    count++;
                }

                await context.Response.WriteAsync(batch.ToString(), cancellationToken);
                await context.Response.Body.FlushAsync(cancellationToken);
            }
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            // The browser went away.
        }
    }

    private static string Snapshot(TopicTree tree, TimeProvider time, string? prefix) =>
        JsonSerializer.Serialize(new
        {
            serverTs = time.GetUtcNow().ToUnixTimeMilliseconds(),
            latest = tree.LatestUnder(prefix),
            history = tree.HistoryUnder(prefix),
        }, Json);

    private static async Task WriteEventAsync(HttpResponse response, string name, string data, CancellationToken cancellationToken)
    {
        await response.WriteAsync($"event: {name}\ndata: {data}\n\n", cancellationToken);
        await response.Body.FlushAsync(cancellationToken);
    }
}

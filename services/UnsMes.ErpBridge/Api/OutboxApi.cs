using UnsMes.ErpBridge.Outbox;
using UnsMes.Uns.Payloads;

namespace UnsMes.ErpBridge.Api;

/// <summary>What waits for the ERP and what it refused, as data; and a way to put a refused record back in line.</summary>
internal static class OutboxApi
{
    public static void MapOutboxApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api/erp/outbox");
        api.MapGet("", List).WithSummary("Outbox figures and the pending and parked write-back records (oldest first)");
        api.MapPost("/{messageId}/retry", Retry).WithSummary("Puts a parked record back in line for delivery");
    }

    private static IResult List(OutboxStore store, TimeProvider time, int? limit)
    {
        var take = Math.Clamp(limit ?? 100, 1, 10_000);
        var figures = store.Figures();
        var now = UnsTime.Now(time);
        return Results.Ok(new
        {
            pending = figures.Pending,
            parked = figures.Parked,
            delivered = figures.Delivered,
            oldestPendingAgeS = figures.OldestPendingAgeSeconds(now),
            pendingRecords = store.List(OutboxState.Pending, take).Select(View),
            parkedRecords = store.List(OutboxState.Parked, take).Select(View),
        });
    }

    private static IResult Retry(OutboxStore store, OutboxSignal signal, string messageId)
    {
        if (!store.Requeue(messageId))
        {
            return Results.Problem(statusCode: 404, title: "Not parked", detail: $"no parked record has the message id '{messageId}'");
        }

        signal.Notify();
        return Results.Accepted();
    }

    private static object View(OutboxRecord r) => new
    {
        messageId = r.MessageId,
        topic = r.Topic,
        receivedAt = r.ReceivedAt,
        attempts = r.Attempts,
        lastError = r.LastError,
        parkedReason = r.ParkedReason,
    };
}

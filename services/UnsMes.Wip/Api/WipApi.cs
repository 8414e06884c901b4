using System.Globalization;
using UnsMes.Uns.Payloads;
using UnsMes.Wip.Domain;
using UnsMes.Wip.Genealogy;
using UnsMes.Wip.Streaming;

namespace UnsMes.Wip.Api;

/// <summary>
/// The tracker's HTTP answers: WIP per line, work-order detail with consumption variance, genealogy both ways, schedule
/// attainment and the promise query. Bad parameters get a problem response that says what to send instead.
/// </summary>
internal static class WipApi
{
    private const int MaxLotResults = 10_000;

    public static void MapWipApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api/wip").WithTags("WIP");
        api.MapGet("/lines", (WipEngine engine) =>
        {
            var now = engine.Now();
            return engine.Read(t => t.State.Lines.Keys.Order(StringComparer.Ordinal).Select(l => LineView(t, l, now)).ToList());
        });
        api.MapGet("/lines/{**line}", (string line, WipEngine engine) =>
            At(engine, (t, now) => t.State.Lines.ContainsKey(line)
                ? Results.Ok(LineView(t, line, now))
                : Problem(404, "Unknown line", $"No machine of line '{line}' has reported; known lines: {string.Join(", ", t.State.Lines.Keys)}")));
        api.MapGet("/workorders", (WipEngine engine) =>
            At(engine, (t, now) => t.State.Orders.Values.OrderBy(o => o.ReceivedMs).Select(o => t.Progress(o, now)).ToList()));
        api.MapGet("/workorders/{id}", (string id, WipEngine engine) =>
            At(engine, (t, now) => t.State.Orders.TryGetValue(id, out var order)
                ? Results.Ok(WorkOrderView.Of(t, order, now))
                : Problem(404, "Unknown work order", $"Work order '{id}' was never released to the floor (no _workorder/{id} arrived).")));
        api.MapGet("/attainment/{**line}", (string line, WipEngine engine) =>
            At(engine, (t, now) => t.CurrentAttainment(line, now) is { } attainment
                ? Results.Ok(attainment)
                : Problem(404, "No attainment", $"Line '{line}' is unknown, or no shift is running now.")));
        api.MapGet("/genealogy/serials/{serial}", (string serial, IGenealogyStore store) =>
            store.Serial(serial) is { } found ? Results.Ok(found) : Problem(404, "Unknown serial", $"No unit with serial '{serial}' was made."));
        api.MapGet("/genealogy/lots/{lotId}", (string lotId, int? limit, IGenealogyStore store) =>
            limit is < 1 or > MaxLotResults
                ? Problem(400, "Limit out of range", $"limit must be between 1 and {MaxLotResults}.")
                : Results.Ok(store.SerialsWithLot(lotId, limit ?? 1000)));
        api.MapGet("/promise", Promise);
    }

    private static IResult Promise(string? productId, string? quantity, string? by, WipEngine engine, TimeProvider time)
    {
        if (string.IsNullOrWhiteSpace(productId))
        {
            return Problem(400, "Missing productId", "Ask as /api/wip/promise?productId=FLANGE-80&quantity=500&by=2026-11-27T18:00:00Z.");
        }

        if (!double.TryParse(quantity, NumberStyles.Float, CultureInfo.InvariantCulture, out var amount) || !double.IsFinite(amount) || amount <= 0)
        {
            return Problem(400, "Bad quantity", $"quantity must be a number above 0, got '{quantity}'.");
        }

        var now = time.GetUtcNow();
        if (!DateTimeOffset.TryParse(by, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var deadline))
        {
            return Problem(400, "Bad deadline", $"by must be a date and time such as 2026-11-27T18:00:00Z, got '{by}'.");
        }

        if (deadline <= now || deadline > now.AddDays(366))
        {
            return Problem(400, "Deadline out of range", "by must lie in the future, at most a year ahead.");
        }

        var measuredAt = engine.Now();
        return Results.Ok(engine.Read(t => PromiseCalculator.Answer(t, productId, amount, deadline, measuredAt, plannedFrom: now)));
    }

    /// <summary>Reads the tracker at the engine's "now" (taken first: reading the clock takes the engine's lock too).</summary>
    private static T At<T>(WipEngine engine, Func<WipTracker, long, T> read)
    {
        var now = engine.Now();
        return engine.Read(t => read(t, now));
    }

    private static object LineView(WipTracker tracker, string line, long now) => new
    {
        line,
        operations = tracker.LineWip(line, now),
        dispatch = tracker.DispatchQueue(line).Select(o => tracker.Progress(o, now)).ToList(),
        attainment = tracker.CurrentAttainment(line, now),
    };

    private static IResult Problem(int status, string title, string detail) => Results.Problem(detail, statusCode: status, title: title);
}

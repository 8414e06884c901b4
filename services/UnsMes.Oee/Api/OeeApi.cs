using UnsMes.Oee.Domain;
using UnsMes.Oee.Streaming;
using UnsMes.Uns.Payloads;
using UnsMes.Uns.Topics;

namespace UnsMes.Oee.Api;

/// <summary>
/// Answers as data: OEE of a scope per window over a range, the loss Pareto over a range, and what each machine of a
/// line is stopped for right now. Bad parameters get a problem response saying which and why.
/// </summary>
internal static class OeeApi
{
    public static void MapOeeApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api/oee");
        api.MapGet("/figures", Figures).WithSummary("OEE of a scope for each window of a kind that overlaps a range");
        api.MapGet("/losses", Losses).WithSummary("Loss Pareto of a scope over a range: minutes by cause, largest first");
        api.MapGet("/products", Products).WithSummary("OEE of a scope per product over a range, from its work-order windows");
        api.MapGet("/downtime", Downtime).WithSummary("Current stops of the machines under a scope, with reason and minutes");
    }

    private static IResult Figures(OeeEngine engine, TimeProvider time, string? scope, string? kind, DateTimeOffset? from, DateTimeOffset? to)
    {
        if (ParseScope(scope, out var path) is { } scopeProblem)
        {
            return scopeProblem;
        }

        if (!Enum.TryParse<WindowKind>(kind ?? "Shift", ignoreCase: true, out var windowKind))
        {
            return Problem("kind", $"'{kind}' is not one of hour, day, shift, workorder");
        }

        var (start, end) = Range(from, to, time);
        if (end <= start)
        {
            return Problem("to", "the range ends before it starts");
        }

        var results = engine.Read(c => c.Windows
            .Where(w => w.Kind == windowKind && w.StartMs < end && (w.EndMs ?? long.MaxValue) > start)
            .Select(w => c.Result(path!, w.Key))
            .OfType<OeeResult>()
            .Where(r => r.PlannedBusyTimeS > 0)
            .Select(r => new { window = r.Window.Id, r.Window.StartMs, r.Window.EndMs, figures = OeePayloads.From(r, UnsTime.Now(time)) })
            .ToList());
        return Results.Ok(new { scope = path!.ToString(), kind = windowKind.ToString().ToLowerInvariant(), windows = results });
    }

    private static IResult Losses(OeeEngine engine, TimeProvider time, string? scope, DateTimeOffset? from, DateTimeOffset? to)
    {
        if (ParseScope(scope, out var path) is { } scopeProblem)
        {
            return scopeProblem;
        }

        var (start, end) = Range(from, to, time);
        if (end <= start)
        {
            return Problem("to", "the range ends before it starts");
        }

        // Hours do not overlap, so summing the hour windows in the range counts every second once.
        var hours = engine.Read(c => c.Windows
            .Where(w => w.Kind == WindowKind.Hour && w.StartMs >= start && w.StartMs < end)
            .Select(w => c.Result(path!, w.Key))
            .OfType<OeeResult>()
            .ToList());
        var causes = new Dictionary<string, double>(StringComparer.Ordinal);
        foreach (var hour in hours)
        {
            foreach (var (reason, seconds) in hour.Losses.AvailabilityByReasonS)
            {
                causes[reason] = causes.GetValueOrDefault(reason) + seconds;
            }

            causes["setup"] = causes.GetValueOrDefault("setup") + hour.Losses.SetupS;
            causes["micro_stops"] = causes.GetValueOrDefault("micro_stops") + hour.Losses.MicroStopS;
            causes["speed"] = causes.GetValueOrDefault("speed") + Math.Max(0, hour.Losses.SpeedS);
            causes["quality"] = causes.GetValueOrDefault("quality") + hour.Losses.QualityS;
        }

        var pareto = causes.Where(c => c.Value > 0).OrderByDescending(c => c.Value)
            .Select(c => new { cause = c.Key, minutes = Math.Round(c.Value / 60, 1) }).ToList();
        return Results.Ok(new
        {
            scope = path!.ToString(),
            from = DateTimeOffset.FromUnixTimeMilliseconds(start),
            to = DateTimeOffset.FromUnixTimeMilliseconds(end),
            plannedBusyMinutes = Math.Round(hours.Sum(h => h.PlannedBusyTimeS) / 60, 1),
            losses = pareto,
        });
    }

    /// <summary>
    /// Per product: the work-order windows of the scope that overlap the range, grouped by the product they made, their
    /// times and counts added up and the factors computed from the sums (not averaged), as one longer window would be.
    /// </summary>
    private static IResult Products(OeeEngine engine, TimeProvider time, string? scope, DateTimeOffset? from, DateTimeOffset? to)
    {
        if (ParseScope(scope, out var path) is { } scopeProblem)
        {
            return scopeProblem;
        }

        var (start, end) = Range(from, to, time);
        if (end <= start)
        {
            return Problem("to", "the range ends before it starts");
        }

        var orders = engine.Read(c => c.Windows
            .Where(w => w.Kind == WindowKind.WorkOrder && w.StartMs < end && (w.EndMs ?? long.MaxValue) > start)
            .Select(w => c.Result(path!, w.Key))
            .OfType<OeeResult>()
            .Where(r => r.PlannedBusyTimeS > 0)
            .ToList());
        var products = orders
            .GroupBy(r => r.ProductId ?? "unknown")
            .Select(g =>
            {
                var planned = g.Sum(r => r.PlannedBusyTimeS);
                var run = g.Sum(r => r.RunTimeS);
                var ideal = g.Sum(r => r.IdealTimeS);
                var good = g.Sum(r => r.GoodCount);
                var total = g.Sum(r => r.TotalCount);
                var availability = planned > 0 ? run / planned : 0;
                var performance = run > 0 ? ideal / run : 0;
                var quality = total > 0 ? (double)good / total : 0;
                return new
                {
                    productId = g.Key,
                    workOrders = g.Select(r => r.Window.Id).Distinct().Count(),
                    plannedBusyMinutes = Math.Round(planned / 60, 1),
                    goodCount = good,
                    totalCount = total,
                    availability = Math.Round(availability, 4),
                    performance = Math.Round(performance, 4),
                    quality = Math.Round(quality, 4),
                    oee = Math.Round(availability * performance * quality, 4),
                };
            })
            .OrderBy(p => p.oee)
            .ToList();
        return Results.Ok(new
        {
            scope = path!.ToString(),
            from = DateTimeOffset.FromUnixTimeMilliseconds(start),
            to = DateTimeOffset.FromUnixTimeMilliseconds(end),
            products,
        });
    }

    private static IResult Downtime(OeeEngine engine, TimeProvider time, string? scope)
    {
        if (ParseScope(scope, out var path) is { } scopeProblem)
        {
            return scopeProblem;
        }

        var now = UnsTime.Now(time);
        var stops = engine.Read(c => c.Machines
            .Where(m => m.IsWithin(path!))
            .SelectMany(m => c.Episodes(m).Where(e => e.EndMs is null && !e.Planned))
            .Select(e => new
            {
                cell = e.Cell.ToString(),
                state = WireNames.Of(e.State),
                reasonCode = e.ReasonCode,
                reasonText = e.ReasonText,
                classified = e.Classified,
                episodeId = e.EpisodeId,
                since = DateTimeOffset.FromUnixTimeMilliseconds(e.StartMs),
                minutes = Math.Round((now - e.StartMs) / 60_000.0, 1),
            })
            .OrderByDescending(e => e.minutes)
            .ToList());
        return Results.Ok(new { scope = path!.ToString(), stops });
    }

    private static IResult? ParseScope(string? scope, out IsaPath? path)
    {
        path = null;
        if (string.IsNullOrWhiteSpace(scope))
        {
            return Problem("scope", "give the ISA-95 path of a site, area, line or cell, e.g. acme/dayton/machining/line1");
        }

        try
        {
            path = IsaPath.Of(scope.Trim('/').Split('/'));
            return path.Level >= IsaLevel.Site ? null : Problem("scope", $"'{scope}' is not a site, area, line or cell");
        }
        catch (ArgumentException ex)
        {
            return Problem("scope", ex.Message);
        }
    }

    private static (long Start, long End) Range(DateTimeOffset? from, DateTimeOffset? to, TimeProvider time)
    {
        var end = (to ?? time.GetUtcNow()).ToUnixTimeMilliseconds();
        var start = (from ?? DateTimeOffset.FromUnixTimeMilliseconds(end).AddDays(-7)).ToUnixTimeMilliseconds();
        return (start, end);
    }

    private static IResult Problem(string parameter, string detail) =>
        Results.ValidationProblem(new Dictionary<string, string[]> { [parameter] = [detail] }, title: "The query cannot be answered");
}

using Microsoft.Extensions.Options;
using UnsMes.Historian.Export;
using UnsMes.Historian.Ingest;
using UnsMes.Historian.Model;
using UnsMes.Historian.Query;
using UnsMes.Uns.Topics;
using static UnsMes.Historian.Api.ApiParameters;

namespace UnsMes.Historian.Api;

/// <summary>
/// The query API under <c>/api/history</c>: tags by MQTT filter, latest values, raw ranges (paged), aggregates over
/// time buckets, events, exports, storage. Every range query is limited; asking for more answers with a problem.
/// </summary>
internal static class HistoryApi
{
    private const int MaxTags = 10_000;

    public static void MapHistoryApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api/history").WithTags("history");
        api.AddEndpointFilter(async (context, next) =>
            context.HttpContext.RequestServices.GetRequiredService<IngestStatus>().StoreReady
                ? await next(context)
                : Results.Problem(title: "The store is starting", detail: "The historian's database is not ready yet (migrating or unreachable); try again shortly.", statusCode: StatusCodes.Status503ServiceUnavailable));
        api.MapGet("/tags", Tags).WithSummary("Tags whose name (their topic) matches an MQTT filter, e.g. uns/v1/acme/+/+/+/+/_tag/#");
        api.MapGet("/latest", Latest).WithSummary("The newest value of one tag, or of every tag matching a filter (a subtree)");
        api.MapGet("/raw", Raw).WithSummary("Raw values of a tag in [from, to), oldest first; page on with nextFrom");
        api.MapGet("/aggregate", Aggregate).WithSummary("avg, min, max, count, first, last and time-weighted average per bucket; long ranges read rollups");
        api.MapGet("/events", Events).WithSummary("Events by type, at or below an ISA-95 path, in [from, to)");
        api.MapGet("/export", ExportRange).WithSummary("A tag's raw values in [from, to) as CSV or Parquet");
        api.MapGet("/storage", Storage).WithSummary("Disk use, tags, partitions, and what the ingest has done");
    }

    private static async Task<IResult> Tags(HistoryQueries queries, string? filter, int? limit, CancellationToken cancellationToken)
    {
        filter ??= UnsFilters.Everything;
        if (TopicFilter.Problem(filter) is { } problem)
        {
            return Problem("filter", problem);
        }

        if (Limit(limit, 1000, MaxTags, out var max) is { } limitProblem)
        {
            return limitProblem;
        }

        var tags = await queries.BrowseAsync(filter, cancellationToken);
        return Results.Ok(new
        {
            filter,
            tags = tags.Take(max).Select(t => new { name = t.Name, kind = t.Kind.ToString().ToLowerInvariant(), unit = t.Unit }),
            truncated = tags.Count > max,
        });
    }

    private static async Task<IResult> Latest(HistoryQueries queries, string? tag, string? filter, int? limit, CancellationToken cancellationToken)
    {
        if ((tag is null) == (filter is null))
        {
            return Problem("tag", "give either tag (one tag) or filter (an MQTT filter over tag names)");
        }

        if (filter is not null && TopicFilter.Problem(filter) is { } problem)
        {
            return Problem("filter", problem);
        }

        if (Limit(limit, 1000, MaxTags, out var max) is { } limitProblem)
        {
            return limitProblem;
        }

        var tags = tag is not null
            ? (await queries.FindAsync(tag, cancellationToken) is { } found ? [found] : [])
            : await queries.BrowseAsync(filter!, cancellationToken);
        if (tag is not null && tags.Count == 0)
        {
            return UnknownTag(tag);
        }

        if (tags.Count > max)
        {
            return Problem("filter", $"{tags.Count} tags match; at most {max} per request (narrow the filter or raise limit)", StatusCodes.Status413PayloadTooLarge);
        }

        var values = new List<object>();
        foreach (var t in tags)
        {
            if (await queries.Store.LatestAsync(t, cancellationToken) is { } point)
            {
                values.Add(PointJson(point));
            }
        }

        return Results.Ok(new { values });
    }

    private static async Task<IResult> Raw(HistoryQueries queries, IOptions<HistorianOptions> options, TimeProvider time, string? tag, string? from, string? to, int? limit, CancellationToken cancellationToken)
    {
        if (string.IsNullOrEmpty(tag))
        {
            return Problem("tag", "required: the tag's name (its topic)");
        }

        if (Range(from, to, time, out var start, out var end) is { } rangeProblem)
        {
            return rangeProblem;
        }

        if (Limit(limit, 1000, options.Value.MaxRawLimit, out var max) is { } limitProblem)
        {
            return limitProblem;
        }

        if (await queries.FindAsync(tag, cancellationToken) is not { } info)
        {
            return UnknownTag(tag);
        }

        var points = await queries.Store.RawAsync(info, start, end, max, cancellationToken);
        long? nextFrom = points.Count == max ? points[^1].Ts + 1 : null;
        return Results.Ok(new { tag, kind = info.Kind.ToString().ToLowerInvariant(), unit = info.Unit, from = start, to = end, points = points.Select(PointJson), nextFrom });
    }

    private static async Task<IResult> Aggregate(HistoryQueries queries, IOptions<HistorianOptions> options, TimeProvider time, string? tag, string? from, string? to, double? bucketSeconds, string? source, CancellationToken cancellationToken)
    {
        if (string.IsNullOrEmpty(tag))
        {
            return Problem("tag", "required: the tag's name (its topic)");
        }

        if (Range(from, to, time, out var start, out var end) is { } rangeProblem)
        {
            return rangeProblem;
        }

        var bucketMs = (long)Math.Round((bucketSeconds ?? 60) * 1000);
        if (bucketMs is < 1 or > 366L * 86_400_000)
        {
            return Problem("bucketSeconds", $"{bucketSeconds} is outside 0.001 .. 31622400 (a year)");
        }

        var buckets = (end - start + bucketMs - 1) / bucketMs;
        if (buckets > options.Value.MaxBuckets)
        {
            return Problem("bucketSeconds", $"{buckets} buckets; at most {options.Value.MaxBuckets} per request (use larger buckets or a shorter range)", StatusCodes.Status413PayloadTooLarge);
        }

        Resolution? forced = source switch
        {
            null or "auto" => null,
            "raw" => Resolution.Raw,
            "1m" => Resolution.Minute,
            "1h" => Resolution.Hour,
            _ => (Resolution)(-1),
        };
        if (forced is (Resolution)(-1))
        {
            return Problem("source", $"'{source}' is not one of auto, raw, 1m, 1h");
        }

        if (forced is { } f && f != Resolution.Raw && (bucketMs % f.Milliseconds() != 0 || start % f.Milliseconds() != 0))
        {
            return Problem("source", $"{f.Name()} rollups answer only buckets of whole {f.Name()} starting on one");
        }

        if (await queries.FindAsync(tag, cancellationToken) is not { } info)
        {
            return UnknownTag(tag);
        }

        if (info.Kind == TagKind.Text)
        {
            return Problem("tag", $"{tag} holds text; aggregates need numbers or booleans");
        }

        var (used, result) = await queries.AggregateAsync(info, start, end, bucketMs, forced, cancellationToken);
        return Results.Ok(new { tag, unit = info.Unit, from = start, to = end, bucketSeconds = bucketMs / 1000.0, source = used.Name(), buckets = result });
    }

    private static async Task<IResult> Events(HistoryQueries queries, IOptions<HistorianOptions> options, TimeProvider time, string? type, string? path, string? from, string? to, int? limit, CancellationToken cancellationToken)
    {
        if (Range(from, to, time, out var start, out var end) is { } rangeProblem)
        {
            return rangeProblem;
        }

        if (Limit(limit, 1000, options.Value.MaxRawLimit, out var max) is { } limitProblem)
        {
            return limitProblem;
        }

        if (path is not null && PathProblem(path) is { } pathProblem)
        {
            return Problem("path", pathProblem);
        }

        var events = await queries.Store.EventsAsync(type, path, start, end, max, cancellationToken);
        long? nextFrom = events.Count == max ? events[^1].Ts + 1 : null;
        return Results.Ok(new
        {
            events = events.Select(e => new { e.Path, e.Type, e.Ts, e.ReceivedTs, e.Historical, payload = System.Text.Json.JsonDocument.Parse(e.Json).RootElement }),
            nextFrom,
        });
    }

    private static async Task<IResult> ExportRange(HistoryQueries queries, IOptions<HistorianOptions> options, TimeProvider time, string? tag, string? from, string? to, string? format, CancellationToken cancellationToken)
    {
        if (string.IsNullOrEmpty(tag))
        {
            return Problem("tag", "required: the tag's name (its topic)");
        }

        if (Range(from, to, time, out var start, out var end) is { } rangeProblem)
        {
            return rangeProblem;
        }

        if (format is not (null or "csv" or "parquet"))
        {
            return Problem("format", $"'{format}' is not csv or parquet");
        }

        if (await queries.FindAsync(tag, cancellationToken) is not { } info)
        {
            return UnknownTag(tag);
        }

        var rows = await queries.Store.CountAsync(info, start, end, cancellationToken);
        if (rows > options.Value.MaxExportRows)
        {
            return Problem("to", $"{rows} values; an export holds at most {options.Value.MaxExportRows} (export shorter ranges)", StatusCodes.Status413PayloadTooLarge);
        }

        var pages = RangeExport.Pages(queries.Store, info, start, end, cancellationToken);
        var name = $"{tag.Replace('/', '_')}_{start}_{end}";
        return format == "parquet"
            ? Results.File(await RangeExport.ParquetAsync(pages, info, cancellationToken), "application/vnd.apache.parquet", $"{name}.parquet")
            : Results.Stream(stream => RangeExport.CsvAsync(pages, stream, cancellationToken), "text/csv", $"{name}.csv");
    }

    private static async Task<IResult> Storage(HistoryQueries queries, IngestStatus status, CancellationToken cancellationToken)
    {
        var report = await queries.Store.StorageAsync(cancellationToken);
        return Results.Ok(new
        {
            store = report.Store,
            bytes = report.Bytes,
            tags = report.Tags,
            bytesByPart = report.BytesByPart,
            partitions = report.Partitions,
            watermarks = new
            {
                minute = await queries.Store.WatermarkAsync(Resolution.Minute, cancellationToken),
                hour = await queries.Store.WatermarkAsync(Resolution.Hour, cancellationToken),
            },
            ingest = new { status.Messages, status.Points, status.Skipped, status.Events, status.DeadLettered, status.Batches, status.Pending, status.StoreError },
        });
    }

    private static string? PathProblem(string path)
    {
        var levels = path.Split('/');
        return levels.Length > 5
            ? "an ISA-95 path has at most 5 levels (enterprise/site/area/line/cell)"
            : levels.Select(UnsName.Problem).FirstOrDefault(p => p is not null);
    }

    private static object PointJson(HistoryPoint p) =>
        new { tag = p.Tag, ts = p.Ts, value = p.Value, quality = UnsMes.Uns.Payloads.WireNames.Of(p.Quality), receivedTs = p.ReceivedTs, historical = p.Historical };
}

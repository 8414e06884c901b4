using System.Net;
using System.Text.RegularExpressions;

namespace UnsMes.Dashboard.Api;

/// <summary>
/// Passes the page's questions on to the other services' query APIs (OEE, WIP, historian) and their answers back.
/// A service that does not answer, or does not serve that API in this deployment, gets a clear 503 problem
/// ("not available"), which the page shows in the panel instead of the figures.
/// </summary>
internal static partial class PeerApi
{
    public const string HttpClientName = "dashboard-peers";

    public static void MapPeerApi(this IEndpointRouteBuilder app) =>
        app.MapGet("/api/dashboard/peers/{service}/{**path}", ForwardAsync)
            .WithSummary("GET on another service's query API: oee -> /api/oee/..., wip -> /api/wip/..., history -> /api/history/...");

    private static async Task<IResult> ForwardAsync(
        HttpContext context, IHttpClientFactory clients, PeerServices peers, ILoggerFactory loggers, string service, string? path)
    {
        if (peers.Find(service) is not { } peer)
        {
            return Results.Problem(statusCode: StatusCodes.Status404NotFound, title: "No such service", detail: $"'{service}' is not one of oee, wip, history");
        }

        if (string.IsNullOrEmpty(path) || !SafePath().IsMatch(path) || path.Contains("..", StringComparison.Ordinal))
        {
            return Results.Problem(statusCode: StatusCodes.Status400BadRequest, title: "The query cannot be answered", detail: $"'{path}' is not a path of {peer.DisplayName}'s API");
        }

        var target = new Uri(PeerServices.BaseOf(peer, context), peer.ApiPrefix + path + context.Request.QueryString);
        var logger = loggers.CreateLogger(typeof(PeerApi).FullName!);
        try
        {
            using var response = await clients.CreateClient(HttpClientName).GetAsync(target, context.RequestAborted);
            var body = await response.Content.ReadAsStringAsync(context.RequestAborted);
            var contentType = response.Content.Headers.ContentType?.ToString();

            // A 404 without a JSON body is a route this deployment does not serve (the service is not part of it);
            // a 404 with a problem body is the service's own answer (e.g. an unknown work order) and passes through.
            if (response.StatusCode == HttpStatusCode.NotFound
                && (body.Length == 0 || contentType?.Contains("json", StringComparison.OrdinalIgnoreCase) != true))
            {
                return NotAvailable(peer, target, "it does not serve this API here", logger);
            }

            return Results.Content(body, contentType ?? "application/json", statusCode: (int)response.StatusCode);
        }
        catch (HttpRequestException ex)
        {
            return NotAvailable(peer, target, ex.Message, logger);
        }
        catch (TaskCanceledException) when (!context.RequestAborted.IsCancellationRequested)
        {
            return NotAvailable(peer, target, "it did not answer in time", logger);
        }
    }

    private static IResult NotAvailable(PeerServices.Peer peer, Uri target, string reason, ILogger logger)
    {
        DashboardLog.PeerUnavailable(logger, peer.DisplayName, target, reason);
        return Results.Problem(
            statusCode: StatusCodes.Status503ServiceUnavailable,
            title: $"{peer.DisplayName} is not available",
            detail: $"{peer.DisplayName} did not answer at {target.GetLeftPart(UriPartial.Authority)}: {reason}.",
            extensions: new Dictionary<string, object?> { ["service"] = peer.Key });
    }

    [GeneratedRegex("^[A-Za-z0-9_/-]+$")]
    private static partial Regex SafePath();
}

using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using UnsMes.Dashboard.Live;
using UnsMes.Dashboard.Security;
using UnsMes.ServiceDefaults.Uns;

namespace UnsMes.Dashboard.Api;

/// <summary>What the page needs to know besides the namespace: targets, alarm bands, reason codes, connection.</summary>
internal static class SettingsApi
{
    public static void MapSettingsApi(this IEndpointRouteBuilder app) =>
        app.MapGet("/api/dashboard/settings", Settings).WithSummary("Shift targets, alarm bands, reason codes and the broker connection");

    private static IResult Settings(
        IOptions<DashboardOptions> options,
        [FromKeyedServices(DashboardRegistration.ClientName)] UnsClient client,
        TopicTree tree,
        LiveFeed feed,
        HttpContext context,
        DashboardLogin login) =>
        Results.Ok(new
        {
            shiftTargets = options.Value.ShiftTargets,
            tagLimits = options.Value.TagLimits.ToDictionary(t => t.Key, t => new { low = t.Value.Low, high = t.Value.High }),
            reasonCodes = options.Value.ReasonCodes,
            user = login.UserOf(context),
            broker = new { connected = client.IsConnected, clientId = client.ClientId, topics = tree.Count, browsers = feed.Subscribers, overflows = feed.Overflows },
        });
}

using System.Globalization;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace UnsMes.Dashboard.Tests.Hosts;

/// <summary>
/// A STAND-IN for the WIP tracker's query API (the real one is a separate service): it answers the promise query
/// and the work-order lookup in the documented shapes, with figures computed from the question, so the dashboard's
/// forms can be driven end to end. It makes no claim about how the real tracker decides.
/// </summary>
public static class WipStandIn
{
    public const double RatePerHour = 40;
    public const double Yield = 0.98;

    public static Task<WebHost> StartAsync() =>
        WebHost.StartAsync(broker: null, new Dictionary<string, string?>(), _ => { }, app => Map(app));

    private static void Map(IEndpointRouteBuilder app)
    {
        app.MapGet("/api/wip/promise", (string? productId, double? quantity, DateTimeOffset? by) =>
        {
            if (string.IsNullOrEmpty(productId) || quantity is null or <= 0 || by is null)
            {
                return Results.ValidationProblem(new Dictionary<string, string[]> { ["quantity"] = ["give productId, quantity > 0 and by"] });
            }

            var hours = Math.Max(0, (by.Value - DateTimeOffset.UtcNow).TotalHours);
            var expected = Math.Floor(hours * RatePerHour * Yield);
            return Results.Ok(new
            {
                productId,
                quantity,
                by,
                canPromise = expected >= quantity,
                expectedGoodByDeadline = expected,
                ratePerHour = RatePerHour,
                yield = Yield,
                availableHours = Math.Round(hours, 1),
                openQuantityAhead = 0,
                reasoning = new[]
                {
                    string.Create(CultureInfo.InvariantCulture, $"stand-in: {hours:F1} h available at {RatePerHour} per hour"),
                    string.Create(CultureInfo.InvariantCulture, $"stand-in: yield {Yield:P0} gives {expected} good"),
                },
            });
        });
        app.MapGet("/api/wip/workorders/{id}", (string id) => id == "WO-1"
            ? Results.Ok(new
            {
                workOrderId = id,
                productId = "FLANGE-80",
                consumption = new[]
                {
                    new { materialId = "STEEL-BAR", unit = "kg", bomQuantity = 120.0, actualQuantity = 126.3, variance = 6.3, variancePct = 5.25 },
                },
            })
            : Results.Problem(statusCode: StatusCodes.Status404NotFound, title: "No such work order", detail: $"'{id}' is not known"));
    }
}

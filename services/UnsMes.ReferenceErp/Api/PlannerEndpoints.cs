using UnsMes.ErpBridge.Contract;
using UnsMes.ReferenceErp.Store;

namespace UnsMes.ReferenceErp.Api;

/// <summary>
/// The planner's side of the simulated ERP (not part of the contract): release or revise an order, cancel it, add
/// master data, and read back what was booked on an order.
/// </summary>
internal static class PlannerEndpoints
{
    public static void MapPlanner(this IEndpointRouteBuilder erp)
    {
        var planner = erp.MapGroup("v1/planner").WithTags("Simulated ERP planner");
        planner.MapPost("/job-orders", Release).WithSummary("Releases an order, or revises it (a changed quantity, BOM or routing raises its revision)");
        planner.MapPost("/job-orders/{id}/cancel", Cancel).WithSummary("Cancels an order");
        planner.MapGet("/job-orders/{id}", Actuals).WithSummary("An order with what was booked on it: produced, scrap by reason, consumption, labor");
        planner.MapPost("/master-data", Master).WithSummary("Adds or changes a master-data record");
    }

    private static IResult Release(JobOrderBook book, JobOrder order) =>
        string.IsNullOrWhiteSpace(order.Id)
            ? ContractEndpoints.Problem(400, RejectionCode.Invalid, "an order needs an id")
            : Results.Ok(book.Release(order));

    private static IResult Cancel(JobOrderBook book, string id) =>
        book.SetStatus(id, DispatchStatus.Cancelled)
            ? Results.Ok(book.Get(id))
            : ContractEndpoints.Problem(404, RejectionCode.UnknownJobOrder, $"job order '{id}' is unknown");

    private static IResult Actuals(BookingLedger ledger, string id) =>
        ledger.Actuals(id) is { } actuals
            ? Results.Ok(actuals)
            : ContractEndpoints.Problem(404, RejectionCode.UnknownJobOrder, $"job order '{id}' is unknown");

    private static IResult Master(JobOrderBook book, MasterRecord record)
    {
        if (string.IsNullOrWhiteSpace(record.Kind) || string.IsNullOrWhiteSpace(record.Id) || string.IsNullOrWhiteSpace(record.Name))
        {
            return ContractEndpoints.Problem(400, RejectionCode.Invalid, "a master-data record needs kind, id and name");
        }

        book.UpsertMaster(record);
        return Results.Ok(record);
    }
}

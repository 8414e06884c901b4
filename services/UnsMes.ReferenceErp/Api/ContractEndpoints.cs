using Microsoft.AspNetCore.Mvc;
using UnsMes.ErpBridge.Contract;
using UnsMes.ReferenceErp.Store;

namespace UnsMes.ReferenceErp.Api;

/// <summary>The bridge's REST contract (v1), as the simulated ERP implements it; described in the OpenAPI document.</summary>
internal static class ContractEndpoints
{
    public static void MapContract(this IEndpointRouteBuilder erp)
    {
        var v1 = erp.MapGroup("").WithGroupName(ErpContract.DocumentName).WithTags("ERP contract v1");
        v1.MapGet(ErpContract.JobOrders, JobOrders)
            .WithSummary("Job orders changed after a cursor (released, revised, running, done, cancelled), oldest change first")
            .Produces<ErpPage<JobOrder>>();
        v1.MapGet(ErpContract.MasterData, MasterData)
            .WithSummary("Master-data records (product, material, workcenter, operation, employee) changed after a cursor")
            .Produces<ErpPage<MasterRecord>>();
        v1.MapPost(ErpContract.JobResponses, Book)
            .WithSummary("Books a job response once per Idempotency-Key; a repeated key returns the first receipt and books nothing")
            .Produces<JobResponseReceipt>(StatusCodes.Status201Created)
            .Produces<JobResponseReceipt>(StatusCodes.Status200OK)
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status409Conflict)
            .ProducesProblem(StatusCodes.Status422UnprocessableEntity);
    }

    private static ErpPage<JobOrder> JobOrders(JobOrderBook book, string? cursor, int? limit) =>
        book.Feed(cursor, Math.Clamp(limit ?? ErpContract.DefaultPageSize, 1, 1000));

    private static ErpPage<MasterRecord> MasterData(JobOrderBook book, string? cursor, int? limit) =>
        book.MasterFeed(cursor, Math.Clamp(limit ?? ErpContract.DefaultPageSize, 1, 1000));

    private static IResult Book(
        BookingLedger ledger,
        HttpResponse http,
        [FromHeader(Name = ErpContract.IdempotencyKeyHeader)] string? idempotencyKey,
        JobResponse response)
    {
        if (string.IsNullOrWhiteSpace(idempotencyKey))
        {
            return Problem(400, RejectionCode.Invalid, $"the {ErpContract.IdempotencyKeyHeader} header is required");
        }

        try
        {
            var (receipt, replayed) = ledger.Book(idempotencyKey, response);
            if (replayed)
            {
                http.Headers[ErpContract.ReplayedHeader] = "true";
                return Results.Ok(receipt);
            }

            return Results.Created($"{ErpContract.JobResponses}/{Uri.EscapeDataString(idempotencyKey)}", receipt);
        }
        catch (BookingRejectedException ex)
        {
            return Problem(ex.Status, ex.Code, ex.Message);
        }
    }

    public static IResult Problem(int status, string code, string detail) =>
        Results.Problem(statusCode: status, title: "Job response refused", detail: detail, extensions: new Dictionary<string, object?> { ["code"] = code });
}

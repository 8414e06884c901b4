using System.Text.Json.Nodes;
using UnsMes.ErpBridge.Contract;
using static UnsMes.ErpBridge.Adapters.Tryton.TrytonValues;

namespace UnsMes.ErpBridge.Adapters.Tryton;

/// <summary>
/// Books job responses in Tryton. Tryton has no idempotency keys, so each booking is made safe to repeat:
/// <list type="bullet">
/// <item>labor: a timesheet line on the operation's work, its description the message id (looked up before booking);</item>
/// <item>a final operation report: a done cycle on the operation's work, once (a finished work is not booked again);</item>
/// <item>the completion: the input moves set to the measured consumption, the output move to the good quantity, scrap as
/// moves to the warehouse's scrap (waste) location with the reason noted on each, labor topped up to the totals, the
/// remaining works finished, and the production assigned, run and done. Each step looks first and converges, so a
/// repeat after a timeout changes nothing; a done production answers a repeated completion with its receipt.</item>
/// </list>
/// Running consumption and partial operation reports are acknowledged without a booking: Tryton's input moves are
/// fixed when the production runs, so the completion's measured totals are what it books.
/// </summary>
internal sealed class TrytonWriteBack(TrytonJsonRpcClient rpc)
{
    private static readonly string[] ProductionFields =
        ["number", "state", "product", "product.code", "uom", "company", "location", "warehouse", "works", "inputs", "outputs"];

    public async Task<JobResponseReceipt> BookAsync(JobResponse response, CancellationToken cancellationToken)
    {
        var production = (await rpc.SearchReadAsync("production", [new JsonArray("number", "=", response.JobOrderId)], ProductionFields, 1, cancellationToken: cancellationToken))
                         .FirstOrDefault()
                         ?? throw new ErpRejectedException($"job order '{response.JobOrderId}' is not a Tryton production", RejectionCode.UnknownJobOrder, 404);
        var state = Text(production, "state");
        if (response.Kind == JobResponseKind.Completion && state == "done")
        {
            return Receipt(response, "done");
        }

        if (response.Kind == JobResponseKind.Labor && await LaborBookedAsync(response.Id, cancellationToken))
        {
            return Receipt(response, state!);
        }

        if (state is "done" or "cancelled" or "draft" or "request")
        {
            throw new ErpRejectedException($"production '{response.JobOrderId}' is {state}: it takes no bookings", RejectionCode.ClosedJobOrder, 409);
        }

        var works = await rpc.ReadAsync("production.work", Ids(production, "works"), ["operation.name", "state", "timesheet_work"], cancellationToken);
        switch (response.Kind)
        {
            case JobResponseKind.Labor:
                foreach (var labor in response.PersonnelActuals)
                {
                    await BookLaborAsync(production, works, labor, response.Operation, labor.Hours, response.Id, response.End, cancellationToken);
                }

                break;
            case JobResponseKind.Operation when response.Final:
                await FinishAsync([Work(works, response.Operation)], cancellationToken);
                break;
            case JobResponseKind.Completion:
                await CompleteAsync(production, works, response, cancellationToken);
                return Receipt(response, "done");
        }

        return Receipt(response, state == "running" ? "running" : "released");
    }

    private async Task CompleteAsync(JsonNode production, JsonArray works, JobResponse response, CancellationToken cancellationToken)
    {
        var productCode = Related(production, "product", "code");
        var moves = await rpc.ReadAsync("stock.move", [.. Ids(production, "inputs"), .. Ids(production, "outputs")],
            ["product.code", "quantity", "state", "to_location", "production_input", "production_output"], cancellationToken);
        var inputs = moves.Where(m => m?["production_input"] is JsonValue).ToList();
        var location = production["location"]!.GetValue<long>();
        var scrapLocation = await ScrapLocationAsync(production["warehouse"]!.GetValue<long>(), cancellationToken);
        var outputs = moves.Where(m => m?["production_output"] is JsonValue).ToList();
        var scrapMoves = outputs.Where(m => m?["to_location"]?.GetValue<long>() == scrapLocation).ToList();
        var goodOutput = outputs.FirstOrDefault(m => Related(m, "product", "code") == productCode && m?["to_location"]?.GetValue<long>() != scrapLocation);

        foreach (var actual in response.MaterialActuals)
        {
            if (actual.Use is MaterialUse.Produced or MaterialUse.Scrapped && actual.MaterialId is not null && actual.MaterialId != productCode)
            {
                throw new ErpRejectedException($"product '{actual.MaterialId}' is not what production '{response.JobOrderId}' makes ({productCode})", RejectionCode.UnknownProduct, 422);
            }

            if (actual.Use == MaterialUse.Consumed && !inputs.Any(m => Related(m, "product", "code") == actual.MaterialId))
            {
                throw new ErpRejectedException($"material '{actual.MaterialId}' is not an input of production '{response.JobOrderId}'", RejectionCode.UnknownMaterial, 422);
            }
        }

        // Measured consumption replaces the BOM's theoretical quantities (set before the production runs, which books them).
        foreach (var consumed in response.MaterialActuals.Where(a => a.Use == MaterialUse.Consumed).GroupBy(a => a.MaterialId))
        {
            var ids = inputs.Where(m => Related(m, "product", "code") == consumed.Key && Text(m, "state") != "done").Select(Id).ToList();
            if (ids.Count > 0)
            {
                await rpc.WriteAsync("stock.move", [ids[0]], new JsonObject { ["quantity"] = consumed.Sum(a => a.Quantity) }, cancellationToken);
                if (ids.Count > 1)
                {
                    await rpc.WriteAsync("stock.move", ids.Skip(1), new JsonObject { ["quantity"] = 0.0 }, cancellationToken);
                }
            }
        }

        var good = response.MaterialActuals.Where(a => a.Use == MaterialUse.Produced).Sum(a => a.Quantity);
        if (goodOutput is not null && Text(goodOutput, "state") != "done")
        {
            await rpc.WriteAsync("stock.move", [Id(goodOutput)], new JsonObject { ["quantity"] = good }, cancellationToken);
        }

        await BookScrapAsync(production, response, location, scrapLocation, scrapMoves, cancellationToken);

        // Labor: the completion's hours are the totals; what the running records booked is topped up, never doubled.
        foreach (var labor in response.PersonnelActuals)
        {
            var booked = await BookedHoursAsync(works, labor.EmployeeId, labor.Operation, cancellationToken);
            if (labor.Hours - booked > 1e-6)
            {
                await BookLaborAsync(production, works, labor, labor.Operation, labor.Hours - booked, $"{response.Id}:{labor.EmployeeId}:{labor.Operation}", response.End, cancellationToken);
            }
        }

        await FinishAsync([.. works.Where(w => Text(w, "state") is not ("finished" or "done"))], cancellationToken);
        var state = Text(production, "state");
        if (state == "waiting")
        {
            await rpc.ButtonAsync("production", "assign_force", [Id(production)], cancellationToken);
            state = "assigned";
        }

        if (state == "assigned")
        {
            await rpc.ButtonAsync("production", "run", [Id(production)], cancellationToken);
        }

        await rpc.ButtonAsync("production", "done", [Id(production)], cancellationToken);
    }

    /// <summary>
    /// Scrap as moves to the scrap location, one per reason, all created in one call (one transaction), so a repeat
    /// finds all or none; the reason is noted on each move, and a note missing after an interruption is added then.
    /// </summary>
    private async Task BookScrapAsync(JsonNode production, JobResponse response, long location, long scrapLocation, List<JsonNode?> scrapMoves, CancellationToken cancellationToken)
    {
        var scrap = response.MaterialActuals.Where(a => a.Use == MaterialUse.Scrapped && a.Quantity > 0).ToList();
        var moveIds = scrapMoves.Select(Id).Order().ToList();
        if (moveIds.Count == 0 && scrap.Count > 0)
        {
            moveIds = [.. (await rpc.CreateAsync("stock.move", scrap.Select(s => new JsonObject
            {
                ["product"] = production["product"]!.GetValue<long>(),
                ["uom"] = production["uom"]!.GetValue<long>(),
                ["quantity"] = s.Quantity,
                ["from_location"] = location,
                ["to_location"] = scrapLocation,
                ["production_output"] = Id(production),
                ["company"] = production["company"]!.GetValue<long>(),
                ["unit_price"] = Money(0),
            }), cancellationToken)).Order()];
        }

        var resources = new JsonArray([.. moveIds.Select(id => (JsonNode)$"stock.move,{id}")]);
        var noted = (await rpc.SearchReadAsync("ir.note", [new JsonArray("resource", "in", resources)], ["resource"], cancellationToken: cancellationToken))
            .Select(n => Text(n, "resource")).ToHashSet();
        var notes = moveIds.Zip(scrap)
            .Where(pair => !noted.Contains($"stock.move,{pair.First}"))
            .Select(pair => new JsonObject { ["resource"] = $"stock.move,{pair.First}", ["message"] = $"scrap reason: {pair.Second.Reason ?? "unspecified"}" })
            .ToList();
        if (notes.Count > 0)
        {
            await rpc.CreateAsync("ir.note", notes, cancellationToken);
        }
    }

    /// <summary>A done cycle on each work that has none finished yet: the operation is complete in Tryton's eyes.</summary>
    private async Task FinishAsync(IEnumerable<JsonNode?> works, CancellationToken cancellationToken)
    {
        foreach (var work in works.Where(w => Text(w, "state") is not ("finished" or "done")))
        {
            var cycle = await rpc.CreateAsync("production.work.cycle", new JsonObject { ["work"] = Id(work), ["duration"] = TimeDelta(0) }, cancellationToken);
            await rpc.ButtonAsync("production.work.cycle", "run", cycle, cancellationToken);
            await rpc.ButtonAsync("production.work.cycle", "do", cycle, cancellationToken);
        }
    }

    private async Task BookLaborAsync(JsonNode production, JsonArray works, Contract.PersonnelActual labor, string? operation, double hours, string key, DateTimeOffset? end, CancellationToken cancellationToken)
    {
        var employee = (await rpc.SearchReadAsync("company.employee", [new JsonArray("party.code", "=", labor.EmployeeId)], ["id"], 1, cancellationToken: cancellationToken)).FirstOrDefault()
                       ?? throw new ErpRejectedException($"employee '{labor.EmployeeId}' is unknown", RejectionCode.UnknownEmployee, 422);
        var work = Work(works, labor.Operation ?? operation);
        if (work?["timesheet_work"] is not JsonValue timesheetWork)
        {
            throw new ErpRejectedException($"operation '{labor.Operation ?? operation}' of '{Text(production, "number")}' takes no timesheet lines", RejectionCode.Invalid, 422);
        }

        await rpc.CreateAsync("timesheet.line", new JsonObject
        {
            ["company"] = production["company"]!.GetValue<long>(),
            ["employee"] = Id(employee),
            ["date"] = Date(DateOnly.FromDateTime((end ?? DateTimeOffset.UtcNow).UtcDateTime)),
            ["duration"] = TimeDelta(Math.Round(hours * 3600, 3)),
            ["work"] = timesheetWork.GetValue<long>(),
            ["description"] = key,
        }, cancellationToken);
    }

    private async Task<double> BookedHoursAsync(JsonArray works, string employee, string? operation, CancellationToken cancellationToken)
    {
        if (Work(works, operation)?["timesheet_work"] is not JsonValue timesheetWork)
        {
            return 0;
        }

        var lines = await rpc.SearchReadAsync("timesheet.line",
            [new JsonArray("work", "=", timesheetWork.GetValue<long>()), new JsonArray("employee.party.code", "=", employee)], ["duration"], cancellationToken: cancellationToken);
        return lines.Sum(l => ReadSeconds(l?["duration"])) / 3600;
    }

    private async Task<bool> LaborBookedAsync(string key, CancellationToken cancellationToken) =>
        (await rpc.SearchReadAsync("timesheet.line", [new JsonArray("description", "=", key)], ["id"], 1, cancellationToken: cancellationToken)).Count > 0;

    private async Task<long> ScrapLocationAsync(long warehouse, CancellationToken cancellationToken)
    {
        var locations = await rpc.SearchReadAsync("stock.location",
            [new JsonArray("type", "=", "lost_found"), new JsonArray("waste_warehouses", "=", warehouse)], ["id"], 1, cancellationToken: cancellationToken);
        return locations.Count > 0 ? Id(locations[0])
            : throw new ErpRejectedException("the production's warehouse has no scrap (waste) location", RejectionCode.Invalid, 422);
    }

    private static JsonNode? Work(JsonArray works, string? operation) =>
        works.FirstOrDefault(w => Related(w, "operation", "name") == operation)
        ?? throw new ErpRejectedException($"operation '{operation}' is not in the production's routing", RejectionCode.Invalid, 422);

    private static JobResponseReceipt Receipt(JobResponse response, string status) =>
        new(response.Id, response.JobOrderId, $"tryton:{response.JobOrderId}:{response.Kind}:{response.Id}", status);
}

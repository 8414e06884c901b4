using System.Globalization;
using System.Text.Json.Nodes;
using UnsMes.ErpBridge.Contract;
using static UnsMes.ErpBridge.Adapters.Tryton.TrytonValues;

namespace UnsMes.ErpBridge.Adapters.Tryton;

/// <summary>
/// Tryton 6.0 (production, production_routing, production_work, production_work_timesheet, stock) behind the port.
/// Productions released by the planner (waiting and later) are the work orders: product, quantity, BOM from the
/// input moves, routing from the works (one per routing operation, on the machine's work center), the line from the
/// production's work center. The feeds' cursor is the last create/write time seen. Write-backs: see
/// <see cref="TrytonWriteBack"/>.
/// </summary>
internal sealed class TrytonErpAdapter : IErpAdapter, IDisposable
{
    private static readonly string[] ReleasedStates = ["waiting", "assigned", "running", "done", "cancelled"];

    private readonly TrytonJsonRpcClient _rpc;
    private readonly TrytonOptions _options;
    private readonly TrytonWriteBack _writeBack;

    public TrytonErpAdapter(HttpClient http, TrytonOptions options)
    {
        http.BaseAddress ??= new Uri(options.Url.EndsWith('/') ? options.Url : options.Url + "/");
        _rpc = new TrytonJsonRpcClient(http, options.Database, options.User, options.Password);
        _options = options;
        _writeBack = new TrytonWriteBack(_rpc);
    }

    public string Name => "tryton";

    public async Task<ErpPage<JobOrder>> PullJobOrdersAsync(string? cursor, int limit, CancellationToken cancellationToken)
    {
        var domain = ChangedSince(cursor);
        domain.Add(new JsonArray("state", "in", new JsonArray([.. ReleasedStates.Select(s => (JsonNode)s)])));
        var rows = await _rpc.SearchReadAsync("production", domain,
            ["number", "state", "quantity", "uom.symbol", "product.code", "product.rec_name", "planned_date", "work_center.name", "works", "inputs", "write_date", "create_date"],
            limit, cancellationToken: cancellationToken);
        var orders = new List<JobOrder>();
        foreach (var row in rows)
        {
            orders.Add(await ToJobOrderAsync(row!, cancellationToken));
        }

        return new ErpPage<JobOrder>(orders, NextCursor(rows, cursor), rows.Count == limit);
    }

    public async Task<ErpPage<MasterRecord>> PullMasterDataAsync(string? cursor, int limit, CancellationToken cancellationToken)
    {
        var records = new List<MasterRecord>();
        var seen = new JsonArray();
        foreach (var product in await _rpc.SearchReadAsync("product.product", ChangedSince(cursor), ["code", "rec_name", "producible", "default_uom.symbol", "write_date", "create_date"], cancellationToken: cancellationToken))
        {
            var kind = Flag(product?["producible"]) ? "product" : "material";
            records.Add(new MasterRecord(kind, Text(product, "code"), Text(product, "rec_name"), new Dictionary<string, string> { ["unit"] = Related(product, "default_uom", "symbol") ?? "" }));
            seen.Add(product!.DeepClone());
        }

        foreach (var employee in await _rpc.SearchReadAsync("company.employee", ChangedSince(cursor), ["party.code", "party.name", "write_date", "create_date"], cancellationToken: cancellationToken))
        {
            records.Add(new MasterRecord("employee", Related(employee, "party", "code"), Related(employee, "party", "name")));
            seen.Add(employee!.DeepClone());
        }

        // Machines are the leaves of the work-center tree (a line's work center holds its machines).
        foreach (var center in await _rpc.SearchReadAsync("production.work.center", ChangedSince(cursor), ["name", "parent.name", "children", "write_date", "create_date"], cancellationToken: cancellationToken))
        {
            if (center?["children"] is JsonArray { Count: 0 })
            {
                records.Add(new MasterRecord("workcenter", Text(center, "name"), Text(center, "name"), new Dictionary<string, string> { ["line"] = Related(center, "parent", "name") ?? "" }));
            }

            seen.Add(center!.DeepClone());
        }

        foreach (var operation in await _rpc.SearchReadAsync("production.routing.operation", ChangedSince(cursor), ["name", "write_date", "create_date"], cancellationToken: cancellationToken))
        {
            records.Add(new MasterRecord("operation", Text(operation, "name"), Text(operation, "name")));
            seen.Add(operation!.DeepClone());
        }

        return new ErpPage<MasterRecord>(records, NextCursor(seen, cursor), More: false);
    }

    public Task<JobResponseReceipt> WriteBackAsync(JobResponse response, CancellationToken cancellationToken) =>
        _writeBack.BookAsync(response, cancellationToken);

    public void Dispose() => _rpc.Dispose();

    /// <summary>A boolean as Tryton answers it (true/false, or 1/0 from SQLite).</summary>
    private static bool Flag(JsonNode? node) => node?.GetValueKind() switch
    {
        System.Text.Json.JsonValueKind.True => true,
        System.Text.Json.JsonValueKind.Number => node.GetValue<double>() != 0,
        _ => false,
    };

    private async Task<JobOrder> ToJobOrderAsync(JsonNode row, CancellationToken cancellationToken)
    {
        var quantity = Number(row, "quantity");
        var works = await _rpc.ReadAsync("production.work", Ids(row, "works"), ["sequence", "operation.name", "work_center.name"], cancellationToken);
        var inputs = await _rpc.ReadAsync("stock.move", Ids(row, "inputs"), ["product.code", "quantity", "uom.symbol"], cancellationToken);
        var line = Related(row, "work_center", "name");
        return new JobOrder
        {
            Id = Text(row, "number"),
            Status = Text(row, "state") switch
            {
                "waiting" or "assigned" => DispatchStatus.Released,
                "running" => DispatchStatus.Running,
                "done" => DispatchStatus.Done,
                "cancelled" => DispatchStatus.Cancelled,
                var other => other,
            },
            ProductId = Related(row, "product", "code"),
            ProductName = Related(row, "product", "rec_name"),
            Quantity = quantity,
            Unit = Related(row, "uom", "symbol"),
            Due = ReadDateTime(row["planned_date"]) is { } due ? new DateTimeOffset(due, TimeSpan.Zero) : null,
            Line = line is not null && line.Split('/').Length is 2 or 4 ? line : _options.DefaultLine,
            MaterialRequirements =
            [
                .. inputs.GroupBy(m => (Code: Related(m, "product", "code"), Unit: Related(m, "uom", "symbol")))
                    .Select(g => new MaterialRequirement(g.Key.Code, quantity > 0 ? Math.Round(g.Sum(m => Number(m, "quantity")) / quantity, 6) : 0, g.Key.Unit)),
            ],
            SegmentRequirements =
            [
                .. works.OrderBy(w => w?["sequence"]?.GetValue<int>() ?? 0)
                    .Select(w => new SegmentRequirement(Related(w, "operation", "name"), Related(w, "operation", "name"), Related(w, "work_center", "name"), _options.IdealCycleTimeS)),
            ],
        };
    }

    /// <summary>Records created or written at or after the cursor (the last change seen; a repeat is harmless, the bridge drops it).</summary>
    private static JsonArray ChangedSince(string? cursor)
    {
        if (cursor is null || !System.DateTime.TryParse(cursor, CultureInfo.InvariantCulture, DateTimeStyles.AdjustToUniversal | DateTimeStyles.AssumeUniversal, out var since))
        {
            return [];
        }

        return [new JsonArray("OR", new JsonArray("write_date", ">=", DateTime(since)), new JsonArray("create_date", ">=", DateTime(since)))];
    }

    private static string? NextCursor(JsonArray rows, string? cursor)
    {
        var latest = rows.Select(r => ReadDateTime(r?["write_date"]) ?? ReadDateTime(r?["create_date"])).Where(d => d is not null).Max();
        return latest is { } at ? at.ToString("O", CultureInfo.InvariantCulture) : cursor;
    }
}

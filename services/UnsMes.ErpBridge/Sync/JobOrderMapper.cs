using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using UnsMes.ErpBridge.Contract;
using UnsMes.Uns.Payloads;
using UnsMes.Uns.Topics;

namespace UnsMes.ErpBridge.Sync;

/// <summary>
/// Checks a job order from the ERP and turns it into the namespace's work order; says why when it cannot. The
/// fingerprint covers what the floor runs by (product, quantity, BOM, routing, due date, line, priority) but not
/// the status, so a changed recipe raises the revision and a status change does not.
/// </summary>
internal static class JobOrderMapper
{
    public static WorkOrderStatus? Status(string? status) => status switch
    {
        DispatchStatus.Released => WorkOrderStatus.Released,
        DispatchStatus.Running => WorkOrderStatus.Running,
        DispatchStatus.Done => WorkOrderStatus.Closed,
        DispatchStatus.Cancelled => WorkOrderStatus.Cancelled,
        _ => null,
    };

    /// <summary>The work order (at revision 0, the caller sets it), or the reasons it is malformed.</summary>
    public static (WorkOrderPayload? Order, string? Problem) Map(JobOrder order, IsaPath site, long now)
    {
        var problems = new List<string>();
        if (UnsName.Problem(order.Id) is { } idProblem)
        {
            return (null, $"$.id: {idProblem}");
        }

        var status = Status(order.Status);
        if (status is null)
        {
            problems.Add($"$.status: '{order.Status}' is not one of {string.Join(", ", DispatchStatus.All)}");
        }

        var line = LinePath(order.Line, site, problems);
        var bom = (order.MaterialRequirements ?? []).Select(m => new BomLine(m.MaterialId ?? "", m.QuantityPerUnit, m.Unit ?? "")).ToList();
        var routing = (order.SegmentRequirements ?? []).Select(s => new RoutingOperation(s.Operation ?? "", s.Name ?? s.Operation ?? "", s.WorkCenter ?? "", s.IdealCycleTimeS)).ToList();
        var payload = new WorkOrderPayload
        {
            V = UnsSchema.Version,
            Ts = now,
            WorkOrderId = order.Id!,
            ProductId = order.ProductId ?? "",
            ProductName = order.ProductName,
            Quantity = order.Quantity,
            Unit = order.Unit ?? "",
            Status = status ?? WorkOrderStatus.Released,
            DueTs = order.Due?.ToUnixTimeMilliseconds(),
            Priority = order.Priority,
            Line = line,
            Bom = bom,
            Routing = routing,
            Revision = 0,
        };

        // The contract's own rules (names, positive quantities, at least one operation, no operation twice...).
        var contract = new ProblemList();
        payload.AddProblems(UnsTopic.WorkOrder(site, order.Id!), contract);
        problems.AddRange(contract.Items);
        return problems.Count == 0 ? (payload, null) : (null, string.Join("; ", problems.Take(5)));
    }

    public static string Fingerprint(WorkOrderPayload order)
    {
        var what = JsonSerializer.Serialize(new { order.ProductId, order.Quantity, order.Unit, order.DueTs, order.Priority, order.Line, order.Bom, order.Routing });
        return Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(what)))[..32];
    }

    private static string? LinePath(string? line, IsaPath site, List<string> problems)
    {
        if (string.IsNullOrWhiteSpace(line))
        {
            return null;
        }

        var segments = line.Split('/');
        if (segments.Length == 2)
        {
            segments = [.. site.Segments, .. segments];
        }

        if (segments.Length != 4 || segments.Any(s => !UnsName.IsLegal(s)))
        {
            problems.Add($"$.line: '{line}' is not the ISA-95 path of a line (enterprise/site/area/line or area/line)");
            return null;
        }

        if (!segments.Take(2).SequenceEqual(site.Segments))
        {
            problems.Add($"$.line: '{line}' is not a line of site {site}");
            return null;
        }

        return string.Join('/', segments);
    }
}

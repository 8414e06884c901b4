using Microsoft.Data.Sqlite;
using UnsMes.ErpBridge.Contract;

namespace UnsMes.ReferenceErp.Store;

/// <summary>
/// An order as the ERP's planner sees it: status, how many bookings, what was produced and scrapped (by reason),
/// consumed (by material) and the labor hours (by employee). Until the completion arrives these are the running
/// figures (output = good of the last operation); after it, the completion's totals.
/// </summary>
public sealed record JobOrderActuals(
    string Id,
    string Status,
    int Revision,
    string ProductId,
    double Quantity,
    int Bookings,
    double Produced,
    double Scrapped,
    IReadOnlyDictionary<string, double> ScrapByReason,
    IReadOnlyDictionary<string, double> Consumed,
    IReadOnlyDictionary<string, double> LaborHours,
    IReadOnlyDictionary<string, double> GoodByOperation)
{
    internal static JobOrderActuals Read(SqliteConnection c, JobOrder order)
    {
        var actuals = new List<(string Kind, string Use, string? Material, string? Operation, double Quantity, string? Reason)>();
        using (var command = ErpDatabase.Command(c, null, "SELECT kind, use, material_id, operation, quantity, reason FROM actual WHERE job_order_id = $o", ("$o", order.Id)))
        using (var reader = command.ExecuteReader())
        {
            while (reader.Read())
            {
                actuals.Add((reader.GetString(0), reader.GetString(1), reader.IsDBNull(2) ? null : reader.GetString(2), reader.IsDBNull(3) ? null : reader.GetString(3), reader.GetDouble(4), reader.IsDBNull(5) ? null : reader.GetString(5)));
            }
        }

        var labor = new List<(string Kind, string Employee, double Hours)>();
        using (var command = ErpDatabase.Command(c, null, "SELECT kind, employee_id, hours FROM labor WHERE job_order_id = $o", ("$o", order.Id)))
        using (var reader = command.ExecuteReader())
        {
            while (reader.Read())
            {
                labor.Add((reader.GetString(0), reader.GetString(1), reader.GetDouble(2)));
            }
        }

        long bookings;
        using (var command = ErpDatabase.Command(c, null, "SELECT COUNT(*) FROM booking WHERE job_order_id = $o", ("$o", order.Id)))
        {
            bookings = (long)command.ExecuteScalar()!;
        }

        var completed = actuals.Any(a => a.Kind == JobResponseKind.Completion) || labor.Any(l => l.Kind == JobResponseKind.Completion);
        var operations = actuals.Where(a => a.Kind == JobResponseKind.Operation).ToList();
        var goodByOperation = operations.Where(a => a.Use == MaterialUse.Produced && a.Operation is not null)
            .GroupBy(a => a.Operation!).ToDictionary(g => g.Key, g => g.Sum(a => a.Quantity));
        var lastOperation = order.SegmentRequirements is { Count: > 0 } routing ? routing[^1].Operation : null;

        // Output and scrap: the completion's totals, else the running figures of the operations.
        var outputRows = completed ? actuals.Where(a => a.Kind == JobResponseKind.Completion).ToList() : operations;
        var produced = completed
            ? outputRows.Where(a => a.Use == MaterialUse.Produced).Sum(a => a.Quantity)
            : lastOperation is not null && goodByOperation.TryGetValue(lastOperation, out var good) ? good : 0;
        var scrap = outputRows.Where(a => a.Use == MaterialUse.Scrapped).ToList();

        // Consumption and labor: the completion's totals when it carries any, else the sum of the running records.
        var consumedRows = actuals.Where(a => a.Use == MaterialUse.Consumed).ToList();
        if (consumedRows.Any(a => a.Kind == JobResponseKind.Completion))
        {
            consumedRows = [.. consumedRows.Where(a => a.Kind == JobResponseKind.Completion)];
        }

        if (labor.Any(l => l.Kind == JobResponseKind.Completion))
        {
            labor = [.. labor.Where(l => l.Kind == JobResponseKind.Completion)];
        }

        return new JobOrderActuals(
            order.Id!,
            order.Status!,
            order.Revision,
            order.ProductId ?? "",
            order.Quantity,
            (int)bookings,
            produced,
            scrap.Sum(a => a.Quantity),
            scrap.GroupBy(a => a.Reason ?? "unspecified").ToDictionary(g => g.Key, g => g.Sum(a => a.Quantity)),
            consumedRows.GroupBy(a => a.Material ?? "").ToDictionary(g => g.Key, g => g.Sum(a => a.Quantity)),
            labor.GroupBy(l => l.Employee).ToDictionary(g => g.Key, g => Math.Round(g.Sum(l => l.Hours), 6)),
            goodByOperation);
    }
}

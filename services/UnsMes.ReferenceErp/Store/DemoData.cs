using UnsMes.ErpBridge.Contract;

namespace UnsMes.ReferenceErp.Store;

/// <summary>
/// The demo plant as its ERP knows it: the products the edge simulator makes, their bar stock and slabs, the
/// machines of each line as work centers, the operations, a few operators, and one released order per line.
/// Cycle times follow the simulator's machine types and product factors.
/// </summary>
public static class DemoData
{
    private static readonly (string Product, string Name, string Material, string MaterialName, double PerUnit, string MaterialUnit, string Unit, string Line, double Factor, (string Op, string Machine, double Cycle)[] Routing)[] Products =
    [
        ("FLANGE-80", "Flange DN80", "BAR-C45-90", "Bar stock C45 90 mm", 2.1, "kg", "pcs", "machining/line1", 1.0,
            [("op10", "saw01", 30), ("op20", "lathe01", 38), ("op30", "lathe02", 36), ("op40", "mill01", 42), ("op50", "grind01", 35), ("op60", "wash01", 20), ("op70", "cmm01", 25)]),
        ("FLANGE-100", "Flange DN100", "BAR-C45-110", "Bar stock C45 110 mm", 2.9, "kg", "pcs", "machining/line2", 1.25,
            [("op10", "saw02", 30), ("op20", "lathe03", 38), ("op30", "mill02", 42), ("op40", "mill03", 45), ("op50", "grind02", 35), ("op60", "wash02", 20), ("op70", "cmm02", 25)]),
        ("SHAFT-20", "Drive shaft 20 mm", "BAR-42CRMO4-25", "Bar stock 42CrMo4 25 mm", 0.8, "kg", "pcs", "machining/line3", 0.9,
            [("op10", "saw03", 30), ("op20", "lathe04", 38), ("op30", "lathe05", 38), ("op40", "mill04", 42), ("op50", "grind03", 35), ("op60", "grind04", 35), ("op70", "wash03", 20), ("op80", "cmm03", 25)]),
        ("COIL-2MM", "Strip 2 mm", "SLAB-S235", "Slab S235", 0.0158, "t", "m", "rolling/mill1", 1.0,
            [("op10", "stand1", 0.05), ("op20", "stand2", 0.05)]),
    ];

    private static readonly (string Id, string Name)[] Employees =
        [("E-1001", "Ana Ruiz"), ("E-1002", "Ben Okafor"), ("E-1003", "Chen Wei"), ("E-1004", "Dana Kowalski"), ("E-1005", "Eli Haddad")];

    private static readonly (string Id, string Product, double Quantity, int DueDays, int Priority)[] Orders =
        [("WO-1001", "FLANGE-80", 400, 2, 1), ("WO-1002", "FLANGE-100", 250, 3, 2), ("WO-1003", "SHAFT-20", 600, 4, 1), ("WO-1004", "COIL-2MM", 20000, 2, 1)];

    public static IEnumerable<MasterRecord> MasterRecords()
    {
        foreach (var p in Products)
        {
            yield return new MasterRecord("product", p.Product, p.Name, new Dictionary<string, string> { ["unit"] = p.Unit, ["line"] = p.Line });
            yield return new MasterRecord("material", p.Material, p.MaterialName, new Dictionary<string, string> { ["unit"] = p.MaterialUnit });
            foreach (var (op, machine, _) in p.Routing)
            {
                yield return new MasterRecord("workcenter", machine, machine, new Dictionary<string, string> { ["line"] = p.Line, ["operation"] = op });
            }
        }

        foreach (var op in Products.SelectMany(p => p.Routing).Select(r => r.Op).Distinct().Order(StringComparer.Ordinal))
        {
            yield return new MasterRecord("operation", op, $"Operation {op[2..]}");
        }

        foreach (var (id, name) in Employees)
        {
            yield return new MasterRecord("employee", id, name);
        }
    }

    public static JobOrder Order(string id, string productId, double quantity, DateTimeOffset due, int priority = 1)
    {
        var p = Products.Single(x => x.Product == productId);
        return new JobOrder
        {
            Id = id,
            Status = DispatchStatus.Released,
            ProductId = p.Product,
            ProductName = p.Name,
            Quantity = quantity,
            Unit = p.Unit,
            Due = due,
            Priority = priority,
            Line = p.Line,
            MaterialRequirements = [new MaterialRequirement(p.Material, p.PerUnit, p.MaterialUnit)],
            SegmentRequirements = [.. p.Routing.Select(r => new SegmentRequirement(r.Op, $"{r.Machine} {r.Op}", r.Machine, Math.Round(r.Cycle * p.Factor, 3)))],
        };
    }

    public static IEnumerable<JobOrder> JobOrders(DateTimeOffset now) =>
        Orders.Select(o => Order(o.Id, o.Product, o.Quantity, new DateTimeOffset(now.UtcDateTime.Date, TimeSpan.Zero).AddDays(o.DueDays).AddHours(14), o.Priority));

    /// <summary>Fills an empty ERP with the demo plant.</summary>
    public static void Seed(JobOrderBook book, DateTimeOffset now)
    {
        foreach (var record in MasterRecords())
        {
            book.UpsertMaster(record);
        }

        foreach (var order in JobOrders(now))
        {
            book.Release(order);
        }
    }
}

using UnsMes.Uns.Payloads;
using UnsMes.Uns.Topics;

namespace UnsMes.Bench.Erp;

/// <summary>Write-back records as the floor sends them for the reference ERP's seeded orders: operation reports, consumption and labor.</summary>
internal static class BenchRecords
{
    private static readonly (string Order, IsaPath Line, string Material, string[] Operations)[] Orders =
    [
        ("WO-1001", IsaPath.LineOf("acme", "dayton", "machining", "line1"), "BAR-C45-90", ["op10", "op20", "op30", "op40", "op50", "op60", "op70"]),
        ("WO-1002", IsaPath.LineOf("acme", "dayton", "machining", "line2"), "BAR-C45-110", ["op10", "op20", "op30", "op40", "op50", "op60", "op70"]),
        ("WO-1003", IsaPath.LineOf("acme", "dayton", "machining", "line3"), "BAR-42CRMO4-25", ["op10", "op20", "op30", "op40", "op50", "op60", "op70", "op80"]),
    ];

    public static IEnumerable<(string Id, string Topic, string Json)> Generate(int count, string prefix)
    {
        var now = DateTimeOffset.UtcNow.ToUnixTimeMilliseconds();
        for (var i = 0; i < count; i++)
        {
            var (order, line, material, operations) = Orders[i % Orders.Length];
            var id = $"{prefix}-{i}";
            var operation = operations[i / Orders.Length % operations.Length];
            (UnsTopic Topic, IUnsPayload Payload) record = (i % 10) switch
            {
                < 7 => (UnsTopic.OperationCompletion(line, order), new OperationCompletionPayload
                {
                    V = 1, Ts = now, MessageId = id, WorkOrderId = order, Operation = operation, Good = 1, Scrap = 0, Unit = "pcs",
                }),
                < 9 => (UnsTopic.Consumption(line, order), new ConsumptionPayload
                {
                    V = 1, Ts = now, MessageId = id, WorkOrderId = order, MaterialId = material, Quantity = 2.1, Unit = "kg", Operation = "op10",
                }),
                _ => (UnsTopic.Labor(line, order), new LaborPayload
                {
                    V = 1, Ts = now, MessageId = id, WorkOrderId = order, Operation = operation, EmployeeId = "E-1001", Start = now - 60_000, End = now,
                }),
            };
            yield return (id, record.Topic, System.Text.Encoding.UTF8.GetString(UnsJson.Serialize(record.Payload)));
        }
    }

    public static IEnumerable<(string Id, string Topic, string Json)> Labor(int count, string order, string employee, string operation)
    {
        var now = DateTimeOffset.UtcNow.ToUnixTimeMilliseconds();
        var line = IsaPath.LineOf("acme", "dayton", "machining", "line1");
        for (var i = 0; i < count; i++)
        {
            var payload = new LaborPayload
            {
                V = 1, Ts = now, MessageId = $"tryton-bench-{Guid.NewGuid():N}", WorkOrderId = order, Operation = operation, EmployeeId = employee, Start = now - 60_000, End = now,
            };
            yield return (payload.MessageId, UnsTopic.Labor(line, order), UnsJson.SerializeToString(payload));
        }
    }
}

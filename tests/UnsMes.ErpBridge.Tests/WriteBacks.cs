using MQTTnet;
using MQTTnet.Protocol;
using UnsMes.Uns.Payloads;
using UnsMes.Uns.Topics;

namespace UnsMes.ErpBridge.Tests;

/// <summary>Write-back messages as the WIP tracker publishes them, for the demo plant's line 1 and work order WO-1001.</summary>
internal static class WriteBacks
{
    public static readonly IsaPath Site = IsaPath.SiteOf("acme", "dayton");
    public static readonly IsaPath Line1 = IsaPath.LineOf("acme", "dayton", "machining", "line1");

    private static long Now => DateTimeOffset.UtcNow.ToUnixTimeMilliseconds();

    public static (UnsTopic Topic, IUnsPayload Payload) Operation(string id, string workOrder, string operation, double good, double scrap = 0, IReadOnlyDictionary<string, double>? byReason = null, bool final = true) =>
        (UnsTopic.OperationCompletion(Line1, workOrder), new OperationCompletionPayload
        {
            V = 1, Ts = Now, MessageId = id, WorkOrderId = workOrder, Operation = operation, Good = good, Scrap = scrap, Unit = "pcs", ScrapByReason = byReason, Final = final,
        });

    public static (UnsTopic Topic, IUnsPayload Payload) Consumption(string id, string workOrder, string material, double quantity, string unit = "kg") =>
        (UnsTopic.Consumption(Line1, workOrder), new ConsumptionPayload
        {
            V = 1, Ts = Now, MessageId = id, WorkOrderId = workOrder, MaterialId = material, Quantity = quantity, Unit = unit, Operation = "op10",
        });

    public static (UnsTopic Topic, IUnsPayload Payload) Labor(string id, string workOrder, string employee, string operation, double hours)
    {
        var end = Now;
        return (UnsTopic.Labor(Line1, workOrder), new LaborPayload
        {
            V = 1, Ts = end, MessageId = id, WorkOrderId = workOrder, Operation = operation, EmployeeId = employee, Start = end - (long)(hours * 3_600_000), End = end,
        });
    }

    public static (UnsTopic Topic, IUnsPayload Payload) Completion(
        string id, string workOrder, string product, double good, double scrap, IReadOnlyDictionary<string, double>? byReason,
        IReadOnlyList<MaterialActual> materials, IReadOnlyList<PersonnelActual> personnel) =>
        (UnsTopic.Completion(Site, workOrder), new CompletionPayload
        {
            V = 1, Ts = Now, MessageId = id, WorkOrderId = workOrder, ProductId = product, Good = good, Scrap = scrap, Unit = "pcs", ScrapByReason = byReason,
            Start = Now - 3_600_000, End = Now, MaterialActuals = materials, PersonnelActuals = personnel,
        });

    public static Task PublishAsync(IMqttClient client, (UnsTopic Topic, IUnsPayload Payload) message) =>
        client.PublishAsync(new MqttApplicationMessageBuilder()
            .WithTopic(message.Topic)
            .WithPayload(UnsJson.Serialize(message.Payload))
            .WithQualityOfServiceLevel(MqttQualityOfServiceLevel.AtLeastOnce)
            .Build());
}

internal static class Eventually
{
    /// <summary>Polls a condition until it holds or the timeout passes (then fails with what was last seen).</summary>
    public static async Task<T> WaitAsync<T>(Func<Task<T>> read, Func<T, bool> done, TimeSpan? timeout = null, string? what = null)
    {
        var until = DateTime.UtcNow + (timeout ?? TimeSpan.FromSeconds(20));
        while (true)
        {
            var value = await read();
            if (done(value))
            {
                return value;
            }

            if (DateTime.UtcNow > until)
            {
                Assert.Fail($"{what ?? "condition"} not reached in time; last seen: {System.Text.Json.JsonSerializer.Serialize(value)}");
            }

            await Task.Delay(50);
        }
    }
}

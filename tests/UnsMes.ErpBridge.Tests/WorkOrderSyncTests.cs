using UnsMes.ErpBridge.Contract;
using UnsMes.ReferenceErp.Store;
using UnsMes.Testing;
using UnsMes.Uns.Payloads;

namespace UnsMes.ErpBridge.Tests;

/// <summary>ERP -> UNS: revisions, cancellations and malformed orders, through the reference ERP's feed.</summary>
public class WorkOrderSyncTests
{
    [Test]
    public async Task Sync_RoutingChangedAfterRelease_RepublishedWithTheNextRevision()
    {
        await using var broker = await TestBroker.StartAsync();
        await using var erp = await ReferenceErpServer.StartAsync();
        using var floor = await TestClients.ConnectAsync(broker);
        var orders = await TestClients.SubscribeAsync(floor, "uns/v1/acme/dayton/_workorder/WO-2001");
        await using var bridge = await StartBridgeAsync(broker, erp);

        var order = DemoData.Order("WO-2001", "SHAFT-20", 120, DateTimeOffset.UtcNow.AddDays(1));
        await erp.ReleaseAsync(order);
        await orders.WaitForAsync(m => Read(m).Revision == 1);

        // The planner moves op50 to the other grinder: a routing change after release.
        var changed = order with
        {
            SegmentRequirements = [.. order.SegmentRequirements!.Select(s => s.Operation == "op50" ? s with { WorkCenter = "grind04" } : s)],
        };
        await erp.ReleaseAsync(changed);
        var revised = Read(await orders.WaitForAsync(m => Read(m).Revision == 2));
        Assert.That(revised.Routing.Single(r => r.Operation == "op50").WorkCenter, Is.EqualTo("grind04"));

        // Releasing the same content again is no revision, and nothing new reaches the floor.
        await erp.ReleaseAsync(changed);
        await erp.ReleaseAsync(DemoData.Order("WO-2002", "SHAFT-20", 10, DateTimeOffset.UtcNow.AddDays(1)));
        using var other = await TestClients.ConnectAsync(broker);
        var marker = await TestClients.SubscribeAsync(other, "uns/v1/acme/dayton/_workorder/WO-2002");
        await marker.WaitForAsync(_ => true);
        Assert.That(orders.Messages.Count(m => m.Payload.Length > 0), Is.EqualTo(2));
    }

    [Test]
    public async Task Sync_OrderCancelledInTheErp_PublishedAsCancelled()
    {
        await using var broker = await TestBroker.StartAsync();
        await using var erp = await ReferenceErpServer.StartAsync();
        using var floor = await TestClients.ConnectAsync(broker);
        var orders = await TestClients.SubscribeAsync(floor, "uns/v1/acme/dayton/_workorder/WO-1002");
        await using var bridge = await StartBridgeAsync(broker, erp);
        await orders.WaitForAsync(m => Read(m).Status == WorkOrderStatus.Released);

        await erp.CancelAsync("WO-1002");
        var cancelled = Read(await orders.WaitForAsync(m => Read(m).Status == WorkOrderStatus.Cancelled));
        Assert.That(cancelled.Revision, Is.EqualTo(1), "a status change is not a new revision of the recipe");
    }

    [Test]
    public async Task Sync_OrderCancelledWithClearing_RetainedOrderCleared()
    {
        await using var broker = await TestBroker.StartAsync();
        await using var erp = await ReferenceErpServer.StartAsync();
        using var floor = await TestClients.ConnectAsync(broker);
        var orders = await TestClients.SubscribeAsync(floor, "uns/v1/acme/dayton/_workorder/WO-1004");
        await using var bridge = await StartBridgeAsync(broker, erp, ("ErpBridge:ClearCancelledOrders", "true"));
        await orders.WaitForAsync(m => m.Payload.Length > 0);

        await erp.CancelAsync("WO-1004");
        await orders.WaitForAsync(m => m.Payload.Length == 0);
        using var late = await TestClients.ConnectAsync(broker);
        var retained = await TestClients.SubscribeAsync(late, "uns/v1/acme/dayton/_workorder/+");
        await retained.WaitForAsync(m => m.Topic.EndsWith("/WO-1001", StringComparison.Ordinal));
        Assert.That(retained.Messages.Select(m => m.Topic), Has.None.EndsWith("/WO-1004"), "a cleared order is no longer retained");
    }

    [Test]
    public async Task Sync_MalformedOrdersFromTheErp_DeadLetteredWithReasonNeverOnTheFloor()
    {
        await using var broker = await TestBroker.StartAsync();
        await using var erp = await ReferenceErpServer.StartAsync();
        using var floor = await TestClients.ConnectAsync(broker);
        var orders = await TestClients.SubscribeAsync(floor, "uns/v1/acme/dayton/_workorder/+");
        using var operations = await TestClients.ConnectAsync(broker);
        var dead = await TestClients.SubscribeAsync(operations, "uns/v1/_deadletter/erp-bridge");
        await using var bridge = await StartBridgeAsync(broker, erp);
        await orders.WaitForAsync(m => m.Topic.EndsWith("/WO-1004", StringComparison.Ordinal));

        var good = DemoData.Order("WO-3001", "FLANGE-80", 50, DateTimeOffset.UtcNow.AddDays(1));
        await erp.ReleaseAsync(good with { Id = "WO-3002", SegmentRequirements = [] });
        await erp.ReleaseAsync(good with { Id = "WO-3003", Quantity = -5 });
        await erp.ReleaseAsync(good with { Id = "WO-3004", Line = "stamping/line9/extra" });
        await erp.ReleaseAsync(good with { Id = "WO 3005" });
        await erp.ReleaseAsync(good);

        await orders.WaitForAsync(m => m.Topic.EndsWith("/WO-3001", StringComparison.Ordinal));
        await dead.WaitForCountAsync(4);
        var reasons = dead.Messages.Select(m => UnsJson.Deserialize<DeadLetterPayload>(m.Payload.FirstSpan)).ToList();
        Assert.Multiple(() =>
        {
            Assert.That(reasons.Single(r => r.OriginalTopic.EndsWith("/WO-3002", StringComparison.Ordinal)).Reason, Does.Contain("at least one operation"));
            Assert.That(reasons.Single(r => r.OriginalTopic.EndsWith("/WO-3003", StringComparison.Ordinal)).Reason, Does.Contain("quantity"));
            Assert.That(reasons.Single(r => r.OriginalTopic.EndsWith("/WO-3004", StringComparison.Ordinal)).Reason, Does.Contain("$.line"));
            Assert.That(reasons.Single(r => r.OriginalTopic == "erp/job-orders").Reason, Does.Contain("$.id"));
            Assert.That(orders.Messages.Select(m => m.Topic), Has.None.Matches<string>(t => t.Contains("WO-300", StringComparison.Ordinal) && !t.EndsWith("WO-3001", StringComparison.Ordinal)));
        });
    }

    private static WorkOrderPayload Read(MQTTnet.MqttApplicationMessage message) => UnsJson.Deserialize<WorkOrderPayload>(message.Payload.FirstSpan);

    private static Task<BridgeHost> StartBridgeAsync(TestBroker broker, ReferenceErpServer erp, params (string Key, string Value)[] extra)
    {
        var settings = new Dictionary<string, string?> { ["ErpBridge:Rest:BaseUrl"] = erp.BaseUrl };
        foreach (var (key, value) in extra)
        {
            settings[key] = value;
        }

        return BridgeHost.StartAsync(broker, Path.Combine(Directory.CreateTempSubdirectory("unsmes-bridge-").FullName, "outbox.db"), settings);
    }
}

using UnsMes.Testing;
using UnsMes.Uns.Payloads;

namespace UnsMes.ErpBridge.Tests;

/// <summary>The ERP reached through Dapr service invocation, its token from a Dapr secret store (a sidecar double in front of the reference ERP).</summary>
public class DaprAdapterTests
{
    private const string Token = "erp-token-for-the-dapr-test";

    [Test]
    public async Task DaprAdapter_ThroughSidecar_OrdersArriveAndWriteBacksBookedWithTheSecretToken()
    {
        await using var broker = await TestBroker.StartAsync();
        await using var erp = await ReferenceErpServer.StartAsync(apiKey: Token);
        await using var sidecar = await DaprSidecarDouble.StartAsync(
            new Dictionary<string, string> { ["erp"] = $"http://127.0.0.1:{erp.Port}/" },
            new Dictionary<(string, string), Dictionary<string, string>> { [("vault", "erp-credentials")] = new() { ["apiKey"] = Token } });
        using var floor = await TestClients.ConnectAsync(broker);
        var orders = await TestClients.SubscribeAsync(floor, "uns/v1/acme/dayton/_workorder/+");
        await using var bridge = await BridgeHost.StartAsync(broker, Path.Combine(Directory.CreateTempSubdirectory("unsmes-bridge-").FullName, "outbox.db"), new Dictionary<string, string?>
        {
            ["ErpBridge:Adapter"] = "Dapr",
            ["ErpBridge:Dapr:HttpEndpoint"] = sidecar.Endpoint,
            ["ErpBridge:Dapr:AppId"] = "erp",
            ["ErpBridge:Dapr:BasePath"] = "erp/",
            ["ErpBridge:Dapr:SecretStore"] = "vault",
            ["ErpBridge:Dapr:SecretName"] = "erp-credentials",
        });

        var order = await orders.WaitForAsync(m => m.Topic.EndsWith("/WO-1003", StringComparison.Ordinal));
        Assert.That(UnsJson.Deserialize<WorkOrderPayload>(order.Payload.FirstSpan).ProductId, Is.EqualTo("SHAFT-20"));

        await WriteBacks.PublishAsync(floor, WriteBacks.Labor("dapr-labor-1", "WO-1003", "E-1005", "op40", 1.5));
        var actuals = await Eventually.WaitAsync(() => erp.ActualsAsync("WO-1003"), a => a.Bookings == 1, what: "booked through the sidecar");
        Assert.Multiple(() =>
        {
            Assert.That(actuals.LaborHours["E-1005"], Is.EqualTo(1.5).Within(1e-9));
            Assert.That(sidecar.Calls, Has.Some.EqualTo("invoke erp GET erp/v1/job-orders"));
            Assert.That(sidecar.Calls, Has.Some.EqualTo("invoke erp POST erp/v1/job-responses"));
            Assert.That(sidecar.Calls, Has.Some.EqualTo("secret vault/erp-credentials"));
        });
    }

    [Test]
    public async Task DaprAdapter_SecretStoreLacksTheCredentials_NothingBookedRecordsStayPending()
    {
        await using var broker = await TestBroker.StartAsync();
        await using var erp = await ReferenceErpServer.StartAsync(apiKey: Token);
        await using var sidecar = await DaprSidecarDouble.StartAsync(
            new Dictionary<string, string> { ["erp"] = $"http://127.0.0.1:{erp.Port}/" },
            new Dictionary<(string, string), Dictionary<string, string>>());
        using var floor = await TestClients.ConnectAsync(broker);
        await using var bridge = await BridgeHost.StartAsync(broker, Path.Combine(Directory.CreateTempSubdirectory("unsmes-bridge-").FullName, "outbox.db"), new Dictionary<string, string?>
        {
            ["ErpBridge:Adapter"] = "Dapr",
            ["ErpBridge:Dapr:HttpEndpoint"] = sidecar.Endpoint,
            ["ErpBridge:Dapr:SecretStore"] = "vault",
        });

        await WriteBacks.PublishAsync(floor, WriteBacks.Labor("dapr-no-secret", "WO-1003", "E-1005", "op40", 1.5));
        var view = await Eventually.WaitAsync(bridge.OutboxAsync, v => v.PendingRecords.Any(r => r.LastError is not null));
        Assert.Multiple(() =>
        {
            Assert.That(view.PendingRecords.Single().LastError, Does.Contain("secret"));
            Assert.That(view.Parked, Is.Zero, "a missing secret is an outage of the platform, not the ERP's refusal");
        });
        Assert.That((await erp.ActualsAsync("WO-1003")).Bookings, Is.Zero);
    }
}

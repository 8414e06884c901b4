using System.Diagnostics;
using System.Globalization;
using UnsMes.ErpBridge.Contract;
using UnsMes.Testing;
using UnsMes.Uns.Payloads;

namespace UnsMes.ErpBridge.Tests;

/// <summary>Exactly once through faults: rejections, an ERP that stops, answers 5xx or answers too late, a killed bridge.</summary>
public class OutboxFaultTests
{
    [Test]
    public async Task Delivery_ErpRejectsRecord_ParkedWithTheErpReasonDeadLetteredAndNotRetried()
    {
        await using var broker = await TestBroker.StartAsync();
        await using var erp = await ReferenceErpServer.StartAsync();
        using var floor = await TestClients.ConnectAsync(broker);
        using var operations = await TestClients.ConnectAsync(broker);
        var dead = await TestClients.SubscribeAsync(operations, "uns/v1/_deadletter/erp-bridge");
        await using var bridge = await StartBridgeAsync(broker, erp.BaseUrl);

        await WriteBacks.PublishAsync(floor, WriteBacks.Labor("reject-unknown-employee", "WO-1001", "E-9999", "op10", 1));
        await WriteBacks.PublishAsync(floor, WriteBacks.Consumption("reject-unknown-order", "WO-0000", "BAR-C45-90", 5));
        await WriteBacks.PublishAsync(floor, WriteBacks.Labor("accepted-after-rejections", "WO-1001", "E-1001", "op10", 1));

        var view = await Eventually.WaitAsync(bridge.OutboxAsync, v => v.Parked == 2 && v.Delivered == 1);
        await dead.WaitForCountAsync(2);
        var letters = dead.Messages.Select(m => UnsJson.Deserialize<DeadLetterPayload>(m.Payload.FirstSpan)).ToList();
        Assert.Multiple(() =>
        {
            Assert.That(view.ParkedRecords.Single(r => r.MessageId == "reject-unknown-employee").ParkedReason, Does.Contain("employee 'E-9999' is unknown").And.Contain(RejectionCode.UnknownEmployee));
            Assert.That(view.ParkedRecords.Single(r => r.MessageId == "reject-unknown-order").ParkedReason, Does.Contain("'WO-0000' is unknown"));
            Assert.That(view.ParkedRecords.Select(r => r.Attempts), Is.All.EqualTo(1), "a rejection is not retried");
            Assert.That(letters.Select(l => l.Reason), Has.One.Contains("E-9999"));
            Assert.That(letters.Single(l => l.Reason.Contains("E-9999", StringComparison.Ordinal)).OriginalTopic, Does.EndWith("/_labor/WO-1001"));
        });

        // Still parked after a while: nothing keeps knocking on the ERP's door.
        using var statusClient = await TestClients.ConnectAsync(broker);
        var status = await TestClients.SubscribeAsync(statusClient, "uns/v1/_status/erp-bridge");
        var detail = (await status.WaitForAsync(m => Status(m).Detail?["parked"] == "2")).Payload;
        Assert.That(UnsJson.Deserialize<ServiceStatusPayload>(detail.FirstSpan).Detail!["outboxPending"], Is.EqualTo("0"));
        Assert.That((await bridge.OutboxAsync()).ParkedRecords.Select(r => r.Attempts), Is.All.EqualTo(1));
        Assert.That((await erp.ActualsAsync("WO-1001")).Bookings, Is.EqualTo(1));
    }

    [Test]
    public async Task Delivery_ErpStoppedMidRunAndRestarted_EveryRecordBookedExactlyOnce()
    {
        await using var broker = await TestBroker.StartAsync();
        await using var erp = await ReferenceErpServer.StartAsync();
        using var floor = await TestClients.ConnectAsync(broker);
        using var statusClient = await TestClients.ConnectAsync(broker);
        var status = await TestClients.SubscribeAsync(statusClient, "uns/v1/_status/erp-bridge");
        await using var bridge = await StartBridgeAsync(broker, erp.BaseUrl);

        const int total = 60;
        for (var i = 0; i < total / 2; i++)
        {
            await WriteBacks.PublishAsync(floor, WriteBacks.Labor($"outage-{i}", "WO-1003", "E-1004", "op20", 0.25));
        }

        await Eventually.WaitAsync(bridge.OutboxAsync, v => v.Delivered >= 10, what: "some delivered before the outage");
        await erp.StopAsync();
        for (var i = total / 2; i < total; i++)
        {
            await WriteBacks.PublishAsync(floor, WriteBacks.Labor($"outage-{i}", "WO-1003", "E-1004", "op20", 0.25));
        }

        // While the ERP is away: records wait in the outbox, and the status topic says how many and how old.
        // (The broker acknowledges the floor's publishes before the bridge has stored them: wait for all to be in.)
        var during = await Eventually.WaitAsync(bridge.OutboxAsync, v => v.Pending + v.Delivered == total && v.PendingRecords.Any(r => r.LastError is not null), what: "pending during the outage");
        var pendingStatus = await status.WaitForAsync(m => long.Parse(Status(m).Detail?.GetValueOrDefault("outboxPending") ?? "0", CultureInfo.InvariantCulture) >= total / 2);
        Assert.That(double.Parse(Status(pendingStatus).Detail!["oldestPendingAgeS"], CultureInfo.InvariantCulture), Is.GreaterThanOrEqualTo(0));
        Assert.That(during.Pending, Is.GreaterThanOrEqualTo(total / 2), "nothing goes out while the ERP is away");

        await erp.StartAgainAsync();
        await Eventually.WaitAsync(bridge.OutboxAsync, v => v.Pending == 0 && v.Delivered == total, TimeSpan.FromSeconds(30), "drained after the restart");
        var actuals = await erp.ActualsAsync("WO-1003");
        Assert.Multiple(() =>
        {
            Assert.That(actuals.Bookings, Is.EqualTo(total));
            Assert.That(actuals.LaborHours["E-1004"], Is.EqualTo(total * 0.25).Within(1e-9));
        });
    }

    [Test]
    public async Task Delivery_ErpAnswers5xxThenAnswersTooLate_RetriedAndBookedExactlyOnce()
    {
        await using var broker = await TestBroker.StartAsync();
        await using var erp = await ReferenceErpServer.StartAsync();
        await using var proxy = await FlakyErpProxy.StartAsync(erp.BaseUrl);
        using var floor = await TestClients.ConnectAsync(broker);
        await using var bridge = await StartBridgeAsync(broker, proxy.BaseUrl, ("ErpBridge:Delivery:AttemptTimeoutMs", "300"));

        // 503s: nothing reaches the ERP, the bridge retries with backoff.
        proxy.FailNext(4);
        await WriteBacks.PublishAsync(floor, WriteBacks.Consumption("flaky-1", "WO-1002", "BAR-C45-110", 10));
        await Eventually.WaitAsync(() => erp.ActualsAsync("WO-1002"), a => a.Bookings == 1, what: "booked after the 5xx");

        // Too late: the ERP books, the answer comes after the bridge's timeout, the bridge sends again with the same key.
        proxy.DelayAnswers(TimeSpan.FromMilliseconds(600));
        await WriteBacks.PublishAsync(floor, WriteBacks.Consumption("flaky-2", "WO-1002", "BAR-C45-110", 20));
        await Eventually.WaitAsync(() => Task.FromResult(proxy.ForwardedPosts), n => n >= 3, what: "the late record sent again");
        proxy.DelayAnswers(TimeSpan.Zero);
        await Eventually.WaitAsync(bridge.OutboxAsync, v => v.Delivered == 2 && v.Pending == 0, TimeSpan.FromSeconds(30));

        var actuals = await erp.ActualsAsync("WO-1002");
        Assert.Multiple(() =>
        {
            Assert.That(proxy.ForwardedPosts, Is.GreaterThanOrEqualTo(3), "the late record reached the ERP more than once");
            Assert.That(actuals.Bookings, Is.EqualTo(2));
            Assert.That(actuals.Consumed["BAR-C45-110"], Is.EqualTo(30));
        });
    }

    [Test]
    public async Task Bridge_KilledWithRecordsPendingThenRestarted_EveryRecordBookedExactlyOnce()
    {
        await using var broker = await TestBroker.StartAsync();
        await using var erp = await ReferenceErpServer.StartAsync();
        using var floor = await TestClients.ConnectAsync(broker);
        var data = Directory.CreateTempSubdirectory("unsmes-bridge-kill-").FullName;
        var apiPort = FreePort.Next();
        using var api = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{apiPort}/") };
        async Task<OutboxView?> OutboxAsync()
        {
            try
            {
                return await System.Net.Http.Json.HttpClientJsonExtensions.GetFromJsonAsync<OutboxView>(api, "api/erp/outbox", new System.Text.Json.JsonSerializerOptions(System.Text.Json.JsonSerializerDefaults.Web));
            }
            catch (HttpRequestException)
            {
                return null;
            }
        }

        // The ERP is down first, so everything the bridge takes in stays pending in its outbox.
        await erp.StopAsync();
        const int total = 40;
        var subscribed = broker.WaitForSubscriptionAsync("uns/v1/+/+/_completion/+", TimeSpan.FromSeconds(30));
        using (var first = StartBridgeProcess(broker, erp.BaseUrl, data, apiPort))
        {
            await subscribed;
            for (var i = 0; i < total; i++)
            {
                await WriteBacks.PublishAsync(floor, WriteBacks.Operation($"kill-{i}", "WO-1001", "op10", good: 10, final: false));
            }

            await Eventually.WaitAsync(OutboxAsync, v => v is { Pending: total }, TimeSpan.FromSeconds(30), "all records pending");
            first.Kill();
            await first.WaitForExitAsync();
        }

        // And the floor keeps reporting while the bridge is dead: the broker keeps them in the bridge's session.
        for (var i = total; i < total + 10; i++)
        {
            await WriteBacks.PublishAsync(floor, WriteBacks.Operation($"kill-{i}", "WO-1001", "op10", good: 10, final: false));
        }

        await erp.StartAgainAsync();
        using var second = StartBridgeProcess(broker, erp.BaseUrl, data, apiPort);
        try
        {
            var actuals = await Eventually.WaitAsync(() => erp.ActualsAsync("WO-1001"), a => a.Bookings >= total + 10, TimeSpan.FromSeconds(40), "all booked after the restart");
            var view = await Eventually.WaitAsync(OutboxAsync, v => v is { Pending: 0 }, TimeSpan.FromSeconds(10));
            Assert.Multiple(() =>
            {
                Assert.That(actuals.Bookings, Is.EqualTo(total + 10));
                Assert.That(actuals.GoodByOperation["op10"], Is.EqualTo((total + 10) * 10));
                Assert.That(view!.Delivered, Is.EqualTo(total + 10));
            });
        }
        finally
        {
            second.Kill();
            await second.WaitForExitAsync();
            Directory.Delete(data, recursive: true);
        }
    }

    private static ServiceStatusPayload Status(MQTTnet.MqttApplicationMessage message) => UnsJson.Deserialize<ServiceStatusPayload>(message.Payload.FirstSpan);

    private static Task<BridgeHost> StartBridgeAsync(TestBroker broker, string baseUrl, params (string Key, string Value)[] extra)
    {
        var settings = new Dictionary<string, string?> { ["ErpBridge:Rest:BaseUrl"] = baseUrl };
        foreach (var (key, value) in extra)
        {
            settings[key] = value;
        }

        return BridgeHost.StartAsync(broker, Path.Combine(Directory.CreateTempSubdirectory("unsmes-bridge-").FullName, "outbox.db"), settings);
    }

    /// <summary>The bridge as its own process (its Program.cs), so it can be killed without warning (SIGKILL).</summary>
    private static Process StartBridgeProcess(TestBroker broker, string erpBaseUrl, string data, int apiPort)
    {
        var info = new ProcessStartInfo("dotnet") { UseShellExecute = false, WorkingDirectory = data };
        info.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "UnsMes.ErpBridge.dll"));
        info.ArgumentList.Add($"--urls=http://127.0.0.1:{apiPort}");
        info.ArgumentList.Add($"--contentRoot={data}");
        info.ArgumentList.Add("--Logging:LogLevel:Default=Warning");
        info.ArgumentList.Add($"--Uns:Port={broker.Port}");
        info.ArgumentList.Add("--Uns:ClientId=erp-bridge-kill-test");
        info.ArgumentList.Add($"--ErpBridge:OutboxPath={Path.Combine(data, "outbox.db")}");
        info.ArgumentList.Add($"--ErpBridge:Rest:BaseUrl={erpBaseUrl}");
        foreach (var (key, value) in BridgeHost.Settings(broker, "").Where(s => s.Key.StartsWith("ErpBridge:Delivery", StringComparison.Ordinal) || s.Key.Contains("Interval", StringComparison.Ordinal)))
        {
            info.ArgumentList.Add($"--{key}={value}");
        }

        return Process.Start(info) ?? throw new InvalidOperationException("the bridge did not start");
    }
}

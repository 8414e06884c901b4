using UnsMes.ErpBridge.Contract;
using UnsMes.Testing;
using UnsMes.Uns.Payloads;
using PersonnelActual = UnsMes.Uns.Payloads.PersonnelActual;
using MaterialActual = UnsMes.Uns.Payloads.MaterialActual;

namespace UnsMes.ErpBridge.Tests;

/// <summary>The whole work-order round trip against the reference ERP over real HTTP and a real broker.</summary>
public class ReferenceErpRoundTripTests
{
    [Test]
    public async Task RoundTrip_SeededOrder_AppearsOnUnsAndTheErpBooksTheRunAndClosesIt()
    {
        await using var broker = await TestBroker.StartAsync();
        await using var erp = await ReferenceErpServer.StartAsync();
        using var floor = await TestClients.ConnectAsync(broker);
        var orders = await TestClients.SubscribeAsync(floor, "uns/v1/acme/dayton/_workorder/+");
        var masters = await TestClients.SubscribeAsync(floor, "uns/v1/acme/dayton/_master/#");
        var outbox = Path.Combine(Directory.CreateTempSubdirectory("unsmes-bridge-").FullName, "outbox.db");
        await using var bridge = await BridgeHost.StartAsync(broker, outbox, new Dictionary<string, string?> { ["ErpBridge:Rest:BaseUrl"] = erp.BaseUrl });

        // ERP -> UNS: the released order with its recipe, retained; master data beside it.
        var released = await orders.WaitForAsync(m => m.Topic.EndsWith("/WO-1001", StringComparison.Ordinal));
        var order = UnsJson.Deserialize<WorkOrderPayload>(released.Payload.FirstSpan);
        Assert.Multiple(() =>
        {
            Assert.That(order.ProductId, Is.EqualTo("FLANGE-80"));
            Assert.That(order.Quantity, Is.EqualTo(400));
            Assert.That(order.Status, Is.EqualTo(WorkOrderStatus.Released));
            Assert.That(order.Line, Is.EqualTo("acme/dayton/machining/line1"));
            Assert.That(order.Routing.Select(r => r.Operation), Is.EqualTo(new[] { "op10", "op20", "op30", "op40", "op50", "op60", "op70" }));
            Assert.That(order.Routing[0].WorkCenter, Is.EqualTo("saw01"));
            Assert.That(order.Bom.Single().MaterialId, Is.EqualTo("BAR-C45-90"));
            Assert.That(order.Revision, Is.EqualTo(1));
        });
        await masters.WaitForAsync(m => m.Topic == "uns/v1/acme/dayton/_master/employee/E-1001");
        await masters.WaitForAsync(m => m.Topic == "uns/v1/acme/dayton/_master/workcenter/cmm01");

        // UNS -> ERP: what the floor reports while running, then the final job response.
        var scrapReasons = new Dictionary<string, double> { ["chatter"] = 3, ["burn"] = 1 };
        string[] ops = ["op10", "op20", "op30", "op40", "op50", "op60", "op70"];
        for (var i = 0; i < ops.Length; i++)
        {
            var atGrinder = ops[i] == "op50";
            await WriteBacks.PublishAsync(floor, WriteBacks.Operation($"wo1001-{ops[i]}", "WO-1001", ops[i], good: atGrinder ? 396 : 400 - (i > 4 ? 4 : 0), scrap: atGrinder ? 4 : 0, byReason: atGrinder ? scrapReasons : null));
        }

        await WriteBacks.PublishAsync(floor, WriteBacks.Consumption("wo1001-bar-1", "WO-1001", "BAR-C45-90", 500));
        await WriteBacks.PublishAsync(floor, WriteBacks.Consumption("wo1001-bar-2", "WO-1001", "BAR-C45-90", 342.5));
        await WriteBacks.PublishAsync(floor, WriteBacks.Labor("wo1001-labor-1", "WO-1001", "E-1001", "op10", 2.5));
        var running = await Eventually.WaitAsync(() => erp.ActualsAsync("WO-1001"), a => a.Bookings == 10, what: "ten bookings");
        Assert.Multiple(() =>
        {
            Assert.That(running.Status, Is.EqualTo(DispatchStatus.Running));
            Assert.That(running.Produced, Is.EqualTo(396), "output so far: the good count of the last operation");
            Assert.That(running.Consumed["BAR-C45-90"], Is.EqualTo(842.5));
            Assert.That(running.LaborHours["E-1001"], Is.EqualTo(2.5).Within(1e-9));
        });

        await WriteBacks.PublishAsync(floor, WriteBacks.Completion(
            "wo1001-done", "WO-1001", "FLANGE-80", good: 396, scrap: 4, scrapReasons,
            [new MaterialActual("BAR-C45-90", 842.5, "kg")],
            [new PersonnelActual("E-1001", "op10", 2.5), new PersonnelActual("E-1002", "op40", 3.25)]));

        var done = await Eventually.WaitAsync(() => erp.ActualsAsync("WO-1001"), a => a.Status == DispatchStatus.Done, what: "order done");
        Assert.Multiple(() =>
        {
            Assert.That(done.Bookings, Is.EqualTo(11));
            Assert.That(done.Produced, Is.EqualTo(396));
            Assert.That(done.Scrapped, Is.EqualTo(4));
            Assert.That(done.ScrapByReason, Is.EquivalentTo(scrapReasons));
            Assert.That(done.Consumed["BAR-C45-90"], Is.EqualTo(842.5), "the completion's totals supersede the running records, not add to them");
            Assert.That(done.LaborHours["E-1001"], Is.EqualTo(2.5).Within(1e-9));
            Assert.That(done.LaborHours["E-1002"], Is.EqualTo(3.25).Within(1e-9));
        });

        // The planner's done reaches the floor: the retained order is closed.
        await orders.WaitForAsync(m => m.Topic.EndsWith("/WO-1001", StringComparison.Ordinal)
                                       && UnsJson.Deserialize<WorkOrderPayload>(m.Payload.FirstSpan).Status == WorkOrderStatus.Closed);
        var view = await bridge.OutboxAsync();
        Assert.That((view.Pending, view.Parked, view.Delivered), Is.EqualTo((0L, 0L, 11L)));
    }

    [Test]
    public async Task Outbox_SameMessageDeliveredThreeTimesByMqtt_StoredOnceBookedOnce()
    {
        await using var broker = await TestBroker.StartAsync();
        await using var erp = await ReferenceErpServer.StartAsync();
        using var floor = await TestClients.ConnectAsync(broker);
        var outbox = Path.Combine(Directory.CreateTempSubdirectory("unsmes-bridge-").FullName, "outbox.db");
        await using var bridge = await BridgeHost.StartAsync(broker, outbox, new Dictionary<string, string?> { ["ErpBridge:Rest:BaseUrl"] = erp.BaseUrl });

        var labor = WriteBacks.Labor("dup-labor-1", "WO-1002", "E-1003", "op20", 1.25);
        for (var i = 0; i < 3; i++)
        {
            await WriteBacks.PublishAsync(floor, labor);
        }

        await WriteBacks.PublishAsync(floor, WriteBacks.Labor("dup-labor-2", "WO-1002", "E-1003", "op30", 0.75));
        var actuals = await Eventually.WaitAsync(() => erp.ActualsAsync("WO-1002"), a => a.Bookings >= 2, what: "two bookings");
        var view = await Eventually.WaitAsync(bridge.OutboxAsync, v => v.Delivered == 2 && v.Pending == 0);
        Assert.Multiple(() =>
        {
            Assert.That(view.Delivered, Is.EqualTo(2), "three deliveries of one message id are one record");
            Assert.That(actuals.Bookings, Is.EqualTo(2));
            Assert.That(actuals.LaborHours["E-1003"], Is.EqualTo(2.0).Within(1e-9));
        });
    }

    [Test]
    public async Task Erp_SameJobResponseSentTwice_BooksOnceAndAnswersTheFirstReceipt()
    {
        await using var erp = await ReferenceErpServer.StartAsync();
        var response = new JobResponse
        {
            Id = "retry-after-timeout-1",
            JobOrderId = "WO-1003",
            Kind = JobResponseKind.Consumption,
            Operation = "op10",
            MaterialActuals = [new ErpBridge.Contract.MaterialActual(MaterialUse.Consumed, 12.5, "kg", "BAR-42CRMO4-25")],
        };

        async Task<(int Status, string Body, bool Replayed)> PostAsync()
        {
            using var request = new HttpRequestMessage(HttpMethod.Post, ErpContract.JobResponses)
            {
                Content = System.Net.Http.Json.JsonContent.Create(response, options: ErpJson.Options),
            };
            request.Headers.Add(ErpContract.IdempotencyKeyHeader, response.Id);
            using var answer = await erp.Http.SendAsync(request);
            return ((int)answer.StatusCode, await answer.Content.ReadAsStringAsync(), answer.Headers.Contains(ErpContract.ReplayedHeader));
        }

        var first = await PostAsync();
        var second = await PostAsync();
        var actuals = await erp.ActualsAsync("WO-1003");
        Assert.Multiple(() =>
        {
            Assert.That(first.Status, Is.EqualTo(201));
            Assert.That(second.Status, Is.EqualTo(200));
            Assert.That(second.Replayed, Is.True);
            Assert.That(second.Body, Is.EqualTo(first.Body), "a repeated key answers with the first receipt");
            Assert.That(actuals.Bookings, Is.EqualTo(1));
            Assert.That(actuals.Consumed["BAR-42CRMO4-25"], Is.EqualTo(12.5));
        });
    }

    [Test]
    public async Task OpenApi_ReferenceErp_DocumentsTheContractWithTheIdempotencyKey()
    {
        await using var erp = await ReferenceErpServer.StartAsync();
        var document = await erp.Http.GetStringAsync("openapi/erp-v1.json");
        Assert.Multiple(() =>
        {
            Assert.That(document, Does.Contain("/erp/v1/job-orders"));
            Assert.That(document, Does.Contain("/erp/v1/master-data"));
            Assert.That(document, Does.Contain("/erp/v1/job-responses"));
            Assert.That(document, Does.Contain(ErpContract.IdempotencyKeyHeader));
            Assert.That(document, Does.Contain("materialActuals"));
            Assert.That(document, Does.Not.Contain("planner"), "the planner's endpoints are not part of the contract");
        });
    }
}

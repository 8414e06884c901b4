using System.Text.Json.Nodes;
using UnsMes.ErpBridge.Adapters.Tryton;
using UnsMes.Testing;
using UnsMes.Uns.Payloads;
using static UnsMes.ErpBridge.Adapters.Tryton.TrytonValues;
using MaterialActual = UnsMes.Uns.Payloads.MaterialActual;
using PersonnelActual = UnsMes.Uns.Payloads.PersonnelActual;

namespace UnsMes.ErpBridge.Tests.Tryton;

/// <summary>The work-order round trip against a real Tryton 6.0, read back through Tryton's own JSON-RPC.</summary>
[NonParallelizable]
public class TrytonRoundTripTests
{
    private TrytonServer _tryton = null!;

    [OneTimeSetUp]
    public async Task StartTryton() => _tryton = await TrytonServer.StartAsync();

    [OneTimeTearDown]
    public async Task StopTryton()
    {
        if (_tryton is not null)
        {
            await _tryton.DisposeAsync();
        }
    }

    [Test]
    public async Task RoundTrip_ProductionReleasedInTryton_OnUnsThenDoneWithOutputConsumptionScrapAndHours()
    {
        var number = await _tryton.CreateProductionAsync(40);
        await using var broker = await TestBroker.StartAsync();
        using var floor = await TestClients.ConnectAsync(broker);
        var orders = await TestClients.SubscribeAsync(floor, $"uns/v1/acme/dayton/_workorder/{number}");
        using var masterClient = await TestClients.ConnectAsync(broker);
        var masters = await TestClients.SubscribeAsync(masterClient, "uns/v1/acme/dayton/_master/#");
        await using var bridge = await BridgeHost.StartAsync(broker, Path.Combine(Directory.CreateTempSubdirectory("unsmes-bridge-").FullName, "outbox.db"), new Dictionary<string, string?>
        {
            ["ErpBridge:Adapter"] = "Tryton",
            ["ErpBridge:Tryton:Url"] = _tryton.Url,
            ["ErpBridge:Tryton:Database"] = TrytonServer.Database,
            ["ErpBridge:Tryton:User"] = TrytonServer.Login,
            ["ErpBridge:Tryton:Password"] = _tryton.Password,
            ["ErpBridge:Tryton:IdealCycleTimeS"] = "30",
            ["ErpBridge:Delivery:AttemptTimeoutMs"] = "30000",
        });

        // Tryton -> UNS: the production as a work order, its works as the routing, its input moves as the BOM.
        var order = UnsJson.Deserialize<WorkOrderPayload>((await orders.WaitForAsync(_ => true, TimeSpan.FromSeconds(30))).Payload.FirstSpan);
        Assert.Multiple(() =>
        {
            Assert.That(order.ProductId, Is.EqualTo("FLANGE-80"));
            Assert.That(order.Quantity, Is.EqualTo(40));
            Assert.That(order.Status, Is.EqualTo(WorkOrderStatus.Released));
            Assert.That(order.Line, Is.EqualTo("acme/dayton/machining/line1"));
            Assert.That(order.Routing.Select(r => $"{r.Operation}@{r.WorkCenter}"), Is.EqualTo(new[] { "op10@saw01", "op20@lathe01", "op30@lathe02", "op40@mill01", "op50@grind01", "op60@wash01", "op70@cmm01" }));
            Assert.That(order.Bom.Single().MaterialId, Is.EqualTo("BAR-C45-90"));
            Assert.That(order.Bom.Single().QuantityPerUnit, Is.EqualTo(2.1).Within(1e-9));
        });
        await masters.WaitForAsync(m => m.Topic == "uns/v1/acme/dayton/_master/employee/E-1002", TimeSpan.FromSeconds(20));
        await masters.WaitForAsync(m => m.Topic == "uns/v1/acme/dayton/_master/workcenter/grind01");

        // UNS -> Tryton: the run as the floor reports it, with a duplicate delivery and a record Tryton must refuse.
        foreach (var op in order.Routing.Select(r => r.Operation))
        {
            await WriteBacks.PublishAsync(floor, WriteBacks.Operation($"{number}-{op}", number, op, good: op == "op70" ? 37 : 40, final: true));
        }

        var labor = WriteBacks.Labor($"{number}-labor-1", number, "E-1001", "op10", 1.5);
        await WriteBacks.PublishAsync(floor, labor);
        await WriteBacks.PublishAsync(floor, labor);
        await WriteBacks.PublishAsync(floor, WriteBacks.Labor($"{number}-labor-bad", number, "E-4040", "op20", 1));
        await WriteBacks.PublishAsync(floor, WriteBacks.Consumption($"{number}-bar-1", number, "BAR-C45-90", 60));
        var scrap = new Dictionary<string, double> { ["chatter"] = 2, ["burn"] = 1 };
        await WriteBacks.PublishAsync(floor, WriteBacks.Completion($"{number}-done", number, "FLANGE-80", good: 37, scrap: 3, scrap,
            [new MaterialActual("BAR-C45-90", 88.5, "kg")],
            [new PersonnelActual("E-1001", "op10", 1.5), new PersonnelActual("E-1002", "op40", 2.25)]));

        var view = await Eventually.WaitAsync(bridge.OutboxAsync, v => v.Pending == 0 && v.Delivered + v.Parked == 11, TimeSpan.FromSeconds(60), "all write-backs handled");
        Assert.That(view.ParkedRecords.Single().ParkedReason, Does.Contain("E-4040"));

        // Read back through Tryton's own API.
        using var http = new HttpClient { BaseAddress = new Uri(_tryton.Url) };
        using var rpc = _tryton.Client(http);
        var production = (await rpc.SearchReadAsync("production", [new JsonArray("number", "=", number)], ["state", "inputs", "outputs", "works"])).Single();
        var moves = await rpc.ReadAsync("stock.move", [.. Ids(production, "inputs"), .. Ids(production, "outputs")], ["product.code", "quantity", "state", "to_location.name"], CancellationToken.None);
        var works = await rpc.ReadAsync("production.work", Ids(production, "works"), ["state", "timesheet_work"], CancellationToken.None);
        var timesheetWorks = new JsonArray([.. works.Select(w => (JsonNode)w!["timesheet_work"]!.GetValue<long>())]);
        var lines = await rpc.SearchReadAsync("timesheet.line", [new JsonArray("work", "in", timesheetWorks)], ["duration", "employee", "description"]);
        var employees = await rpc.SearchReadAsync("company.employee", [], ["party.code"]);
        var hoursByEmployee = lines.GroupBy(l => Related(employees.Single(e => Id(e) == l!["employee"]!.GetValue<long>()), "party", "code")!)
            .ToDictionary(g => g.Key, g => g.Sum(l => ReadSeconds(l!["duration"])) / 3600);
        var notes = await rpc.SearchReadAsync("ir.note", [new JsonArray("resource", "like", "stock.move,%")], ["message"]);
        Assert.Multiple(() =>
        {
            Assert.That(Text(production, "state"), Is.EqualTo("done"));
            Assert.That(moves.Where(m => Related(m, "to_location", "name") == "Storage Zone").Sum(m => Number(m, "quantity")), Is.EqualTo(37), "good output");
            Assert.That(moves.Where(m => Related(m, "to_location", "name") == "Scrap").Sum(m => Number(m, "quantity")), Is.EqualTo(3), "scrap to the scrap location");
            Assert.That(moves.Single(m => Related(m, "product", "code") == "BAR-C45-90").Apply(m => Number(m, "quantity")), Is.EqualTo(88.5), "measured consumption");
            Assert.That(moves.Select(m => Text(m, "state")), Is.All.EqualTo("done"));
            Assert.That(works.Select(w => Text(w, "state")), Is.All.EqualTo("done"));
            Assert.That(hoursByEmployee["E-1001"], Is.EqualTo(1.5).Within(1e-6), "one line despite the duplicate delivery, none added by the completion");
            Assert.That(hoursByEmployee["E-1002"], Is.EqualTo(2.25).Within(1e-6));
            Assert.That(notes.Select(n => Text(n, "message")), Is.SupersetOf(new[] { "scrap reason: chatter", "scrap reason: burn" }));
        });

        await orders.WaitForAsync(m => UnsJson.Deserialize<WorkOrderPayload>(m.Payload.FirstSpan).Status == WorkOrderStatus.Closed, TimeSpan.FromSeconds(20));
    }

    [Test]
    public async Task WriteBack_TrytonAnswersLostAfterItBooked_RepeatsBookNothingTwice()
    {
        var number = await _tryton.CreateProductionAsync(10);
        await using var proxy = await LossyRpcProxy.StartAsync(_tryton.Url, "model.timesheet.line.create", "model.stock.move.create", "model.production.done");
        await using var broker = await TestBroker.StartAsync();
        using var floor = await TestClients.ConnectAsync(broker);
        await using var bridge = await BridgeHost.StartAsync(broker, Path.Combine(Directory.CreateTempSubdirectory("unsmes-bridge-").FullName, "outbox.db"), new Dictionary<string, string?>
        {
            ["ErpBridge:Adapter"] = "Tryton",
            ["ErpBridge:Tryton:Url"] = proxy.Url,
            ["ErpBridge:Tryton:Database"] = TrytonServer.Database,
            ["ErpBridge:Tryton:User"] = TrytonServer.Login,
            ["ErpBridge:Tryton:Password"] = _tryton.Password,
            ["ErpBridge:Delivery:AttemptTimeoutMs"] = "30000",
        });

        await WriteBacks.PublishAsync(floor, WriteBacks.Labor($"{number}-lost-labor", number, "E-1002", "op30", 0.5));
        await WriteBacks.PublishAsync(floor, WriteBacks.Completion($"{number}-lost-done", number, "FLANGE-80", good: 9, scrap: 1, new Dictionary<string, double> { ["porosity"] = 1 },
            [new MaterialActual("BAR-C45-90", 21.4, "kg")],
            [new PersonnelActual("E-1002", "op30", 0.5)]));
        await Eventually.WaitAsync(bridge.OutboxAsync, v => v.Pending == 0 && v.Delivered == 2, TimeSpan.FromSeconds(90), "both booked");
        Assert.That(proxy.Lost, Is.EquivalentTo(new[] { "model.timesheet.line.create", "model.stock.move.create", "model.production.done" }), "each answer was lost once");

        using var http = new HttpClient { BaseAddress = new Uri(_tryton.Url) };
        using var rpc = _tryton.Client(http);
        var production = (await rpc.SearchReadAsync("production", [new JsonArray("number", "=", number)], ["state", "outputs", "works"])).Single();
        var timesheetWorks = (await rpc.ReadAsync("production.work", Ids(production, "works"), ["timesheet_work"], CancellationToken.None)).Select(w => (JsonNode)w!["timesheet_work"]!.GetValue<long>());
        var lines = await rpc.SearchReadAsync("timesheet.line", [new JsonArray("work", "in", new JsonArray([.. timesheetWorks]))], ["duration"]);
        var outputs = await rpc.ReadAsync("stock.move", Ids(production, "outputs"), ["quantity", "to_location.name"], CancellationToken.None);
        Assert.Multiple(() =>
        {
            Assert.That(Text(production, "state"), Is.EqualTo("done"));
            Assert.That(lines, Has.Count.EqualTo(1), "the labor line, once");
            Assert.That(lines.Sum(l => ReadSeconds(l!["duration"])), Is.EqualTo(1800).Within(0.01));
            Assert.That(outputs.Where(m => Related(m, "to_location", "name") == "Scrap").Sum(m => Number(m, "quantity")), Is.EqualTo(1), "the scrap move, once");
            Assert.That(outputs.Where(m => Related(m, "to_location", "name") == "Storage Zone").Sum(m => Number(m, "quantity")), Is.EqualTo(9));
        });
    }
}

internal static class NodeExtensions
{
    public static T Apply<T>(this JsonNode? node, Func<JsonNode?, T> read) => read(node);
}

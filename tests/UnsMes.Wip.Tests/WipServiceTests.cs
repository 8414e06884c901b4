using System.Globalization;
using System.Net;
using System.Text.Json;
using Microsoft.Extensions.Hosting;
using MQTTnet;
using UnsMes.Testing;

namespace UnsMes.Wip.Tests;

/// <summary>The tracker as a service on a real broker: fed by hand-written messages, and by the edge's simulated line.</summary>
public class WipServiceTests
{
    private const string Site = "uns/v1/acme/s1";
    private const string Line = "uns/v1/acme/s1/a1/l1";

    private static string Now => DateTimeOffset.UtcNow.ToUnixTimeMilliseconds().ToString(CultureInfo.InvariantCulture);

    private static string WorkOrder(string id, int quantity) => $$"""
        {"v":1,"ts":{{Now}},"workOrderId":"{{id}}","productId":"P1","quantity":{{quantity}},"unit":"pcs","status":"released",
         "line":"acme/s1/a1/l1","bom":[{"materialId":"steel","quantityPerUnit":2.5,"unit":"kg"}],
         "routing":[{"operation":"op10","name":"Saw","workCenter":"m1","idealCycleTimeS":20},{"operation":"op20","name":"Turn","workCenter":"m2","idealCycleTimeS":18}]}
        """;

    private static string Count(long good, string? workOrderId = null) =>
        $$"""{"v":1,"ts":{{Now}},"good":{{good}},"scrap":0,"unit":"pcs"{{(workOrderId is null ? "" : $",\"workOrderId\":\"{workOrderId}\"")}}}""";

    [Test]
    public async Task EdgeLine_RunsTheDispatchedOrder_AndTheTrackerPublishesWipProgressAndCompletion()
    {
        await using var broker = await TestBroker.StartAsync();
        using var watcher = await TestClients.ConnectAsync(broker);
        var seen = await TestClients.SubscribeAsync(watcher, "uns/v1/#");
        var listening = broker.WaitForSubscriptionAsync("uns/v1/+/+/+/+/+/_count", TimeSpan.FromSeconds(15));
        await using var wip = await StartWipAsync(broker);
        await listening;
        await watcher.PublishAsync(TestClients.Message($"{Site}/_workorder/WO-7", WorkOrder("WO-7", 20), retain: true));
        await seen.WaitForAsync(m => m.Topic == $"{Line}/_dispatch" && m.ConvertPayloadToString().Contains("WO-7", StringComparison.Ordinal), TimeSpan.FromSeconds(15));

        using var edge = await StartEdgeAsync(broker);
        var completion = await seen.WaitForAsync(m => m.Topic == $"{Site}/_completion/WO-7", TimeSpan.FromSeconds(60));
        await edge.StopAsync();

        using var json = JsonDocument.Parse(completion.ConvertPayloadToString());
        var root = json.RootElement;
        Assert.Multiple(() =>
        {
            Assert.That(root.GetProperty("good").GetDouble(), Is.EqualTo(20));
            Assert.That(root.GetProperty("messageId").GetString(), Is.EqualTo("WO-7-completion"));
            Assert.That(root.GetProperty("materialActuals")[0].GetProperty("bomQuantity").GetDouble(), Is.EqualTo(50));
            Assert.That(seen.Messages.Any(m => m.Topic == $"{Line}/_wip"), Is.True);
            Assert.That(seen.Messages.Any(m => m.Topic == $"{Line}/_progress/WO-7"), Is.True);
            Assert.That(seen.Messages.Count(m => m.Topic == $"{Line}/_opcompletion/WO-7"), Is.EqualTo(2));
        });
    }

    [Test]
    public async Task Restart_SnapshotSavedOnStop_TheTrackerContinuesWithoutLossOrDoubleBooking()
    {
        await using var broker = await TestBroker.StartAsync();
        using var publisher = await TestClients.ConnectAsync(broker);
        var listening = broker.WaitForSubscriptionAsync("uns/v1/+/+/+/+/+/_count", TimeSpan.FromSeconds(15));
        await using (var first = await StartWipAsync(broker))
        {
            await listening;
            await publisher.PublishAsync(TestClients.Message($"{Site}/_workorder/WO-1", WorkOrder("WO-1", 100), retain: true));
            await WaitForAsync(first, "/api/wip/workorders/WO-1", body => body.Contains("\"status\":\"dispatched\"", StringComparison.Ordinal) || body.Contains("\"status\":\"released\"", StringComparison.Ordinal));
            foreach (var (machine, good) in new[] { ("m1", 0), ("m2", 0), ("m1", 5), ("m2", 2) })
            {
                await publisher.PublishAsync(TestClients.Message($"{Line}/{machine}/_count", Count(good), retain: true));
            }

            await WaitForAsync(first, "/api/wip/lines/acme/s1/a1/l1", body => body.Contains("\"operation\":\"op20\",\"waiting\":3,\"inProcess\":0,\"done\":2", StringComparison.Ordinal));
        }

        // The tracker's persistent session keeps what arrives while it restarts.
        await using var second = await StartWipAsync(broker);
        await publisher.PublishAsync(TestClients.Message($"{Line}/m2/_count", Count(4), retain: true));

        // Only the difference (2) is booked: the restarted tracker kept its baselines and its units.
        var line = await WaitForAsync(second, "/api/wip/lines/acme/s1/a1/l1", body => body.Contains("\"operation\":\"op20\",\"waiting\":1,\"inProcess\":0,\"done\":4", StringComparison.Ordinal));
        var genealogy = await WaitForAsync(second, "/api/wip/genealogy/serials/WO-1-00004", body => body.Contains("\"operation\":\"op20\"", StringComparison.Ordinal));
        var detail = await WaitForAsync(second, "/api/wip/workorders/WO-1", _ => true);
        Assert.Multiple(() =>
        {
            Assert.That(line, Does.Contain("\"workOrderId\":\"WO-1\""));
            Assert.That(genealogy, Does.Contain("\"serial\":\"WO-1-00004\""));
            Assert.That(detail, Does.Contain("\"operation\":\"op20\",\"workCenter\":\"m2\",\"good\":4"));
            Assert.That(detail, Does.Contain("\"started\":5"));
        });
    }

    [Test]
    public async Task CountForUnknownWorkOrder_IsDeadLetteredWithTheReason()
    {
        await using var broker = await TestBroker.StartAsync();
        using var watcher = await TestClients.ConnectAsync(broker);
        var letters = await TestClients.SubscribeAsync(watcher, "uns/v1/_deadletter/wip");
        var listening = broker.WaitForSubscriptionAsync("uns/v1/+/+/+/+/+/_count", TimeSpan.FromSeconds(15));
        await using var wip = await StartWipAsync(broker);
        await listening;

        await watcher.PublishAsync(TestClients.Message($"{Line}/m2/_count", Count(0)));
        await watcher.PublishAsync(TestClients.Message($"{Line}/m2/_count", Count(3, "WO-404")));

        var letter = await letters.WaitForAsync(_ => true, TimeSpan.FromSeconds(15));
        using var json = JsonDocument.Parse(letter.ConvertPayloadToString());
        Assert.Multiple(() =>
        {
            Assert.That(json.RootElement.GetProperty("originalTopic").GetString(), Is.EqualTo($"{Line}/m2/_count"));
            Assert.That(json.RootElement.GetProperty("reason").GetString(), Does.Contain("'WO-404', which the tracker does not know"));
        });
    }

    [Test]
    public async Task Api_BadQuestions_AnswerWithProblems()
    {
        await using var broker = await TestBroker.StartAsync();
        await using var wip = await StartWipAsync(broker);

        using var noProduct = await wip.Http.GetAsync(new Uri("/api/wip/promise?quantity=5&by=2030-01-01T00:00:00Z", UriKind.Relative));
        using var badQuantity = await wip.Http.GetAsync(new Uri("/api/wip/promise?productId=P1&quantity=-3&by=2030-01-01T00:00:00Z", UriKind.Relative));
        using var past = await wip.Http.GetAsync(new Uri("/api/wip/promise?productId=P1&quantity=3&by=2001-01-01T00:00:00Z", UriKind.Relative));
        using var unknown = await wip.Http.GetAsync(new Uri("/api/wip/workorders/WO-404", UriKind.Relative));
        using var limit = await wip.Http.GetAsync(new Uri("/api/wip/genealogy/lots/L1?limit=0", UriKind.Relative));

        Assert.Multiple(async () =>
        {
            Assert.That(noProduct.StatusCode, Is.EqualTo(HttpStatusCode.BadRequest));
            Assert.That(await noProduct.Content.ReadAsStringAsync(), Does.Contain("productId=FLANGE-80"));
            Assert.That(await badQuantity.Content.ReadAsStringAsync(), Does.Contain("quantity must be a number above 0, got '-3'"));
            Assert.That(await past.Content.ReadAsStringAsync(), Does.Contain("by must lie in the future"));
            Assert.That(unknown.StatusCode, Is.EqualTo(HttpStatusCode.NotFound));
            Assert.That(limit.StatusCode, Is.EqualTo(HttpStatusCode.BadRequest));
        });
    }

    private static async Task<string> WaitForAsync(TestWebHost host, string path, Func<string, bool> done)
    {
        using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(15));
        var body = "";
        while (!cts.IsCancellationRequested)
        {
            using var response = await host.Http.GetAsync(new Uri(path, UriKind.Relative), CancellationToken.None);
            body = await response.Content.ReadAsStringAsync(CancellationToken.None);
            if (response.IsSuccessStatusCode && done(body))
            {
                return body;
            }

            await Task.Delay(100, CancellationToken.None);
        }

        Assert.Fail($"{path} never answered as expected; last answer: {body}");
        return body;
    }

    /// <summary>The tracker alone in a web host, with a persistent MQTT session and its files in the broker's temp folder.</summary>
    private static Task<TestWebHost> StartWipAsync(TestBroker broker) =>
        TestWebHost.StartAsync(broker, new Dictionary<string, string?>
        {
            ["Uns:CleanStart"] = "false",
            ["Wip:PublishIntervalMs"] = "100",
            ["Wip:StatePath"] = Path.Combine(broker.DataDirectory, "wip-state.json"),
            ["Wip:GenealogyPath"] = Path.Combine(broker.DataDirectory, "wip-genealogy.db"),
        }, b => b.AddWipTracker(), a => a.MapWipTracker());

    private static async Task<IHost> StartEdgeAsync(TestBroker broker)
    {
        var model = Path.Combine(broker.DataDirectory, "plant.yaml");
        await File.WriteAllTextAsync(model, """
            enterprise: acme
            site: s1
            products:
              - { id: P1, name: "Part one", cycleTimeFactor: 1.0 }
            machineTypes:
              plain:
                idealCycleTimeS: 20
                scrapRate: 0.0
            areas:
              - name: a1
                lines:
                  - name: l1
                    bufferCapacity: 4
                    machines:
                      - { name: m1, type: plain, operation: op10 }
                      - { name: m2, type: plain, operation: op20, idealCycleTimeS: 18 }
            """);
        return await TestEdge.StartAsync(broker, new Dictionary<string, string?> { ["Edge:PlantModel"] = model, ["Edge:Speed"] = "300", ["Edge:StartHoursAgo"] = "1" });
    }
}

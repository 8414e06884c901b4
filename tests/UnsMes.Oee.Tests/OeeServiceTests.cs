using System.Collections.Concurrent;
using System.Globalization;
using System.Net;
using System.Text.Json;
using Microsoft.Extensions.Hosting;
using MQTTnet;
using UnsMes.Testing;
using UnsMes.Uns.Payloads;

namespace UnsMes.Oee.Tests;

/// <summary>
/// The OEE calculator as a service: the edge's simulated line at accelerated time, the real broker, the calculator
/// host; its answers are checked against a recount from the raw state and count messages.
/// </summary>
public class OeeServiceTests
{
    private const string Line = "uns/v1/acme/s1/a1/l1";
    private const string PlantYaml = """
        enterprise: acme
        site: s1
        machineTypes:
          plain:
            idealCycleTimeS: 20
            scrapRate: 0.02
            faults:
              - { reason: jam, mtbfMinutes: 15, mttrMinutes: 4 }
        areas:
          - name: a1
            lines:
              - name: l1
                bufferCapacity: 4
                machines:
                  - { name: m1, type: plain, operation: op10 }
                  - { name: m2, type: plain, operation: op20, idealCycleTimeS: 18 }
        """;

    [Test]
    public async Task HourFigures_FromTheLiveEdge_MatchARecountFromTheRawMessages()
    {
        await using var broker = await TestBroker.StartAsync();
        using var raw = await TestClients.ConnectAsync(broker);
        var messages = await TestClients.SubscribeAsync(raw, $"{Line}/m2/+");
        var listening = broker.WaitForSubscriptionAsync("uns/v1/+/+/+/+/+/_count", TimeSpan.FromSeconds(15));
        await using var oee = await StartOeeAsync(broker);
        await listening;
        using var edge = await StartEdgeAsync(broker);

        // Three hours of machine time pass in about 18 s; the first full hour is then closed and final.
        var hour = await WaitForClosedHourAsync(oee, TimeSpan.FromSeconds(60));
        var recount = Recount.Hour(messages.Messages, hour.Start, hour.Start + 3_600_000, microStopMs: 120_000);

        Assert.Multiple(() =>
        {
            Assert.That(hour.PlannedBusyTimeS, Is.EqualTo(recount.PlannedBusyS).Within(0.001));
            Assert.That(hour.RunTimeS, Is.EqualTo(recount.RunS).Within(0.001));
            Assert.That(hour.TotalCount, Is.EqualTo(recount.Total));
            Assert.That(hour.GoodCount, Is.EqualTo(recount.Good));
            Assert.That(hour.Availability, Is.EqualTo(recount.RunS / recount.PlannedBusyS).Within(1e-9));
            Assert.That(hour.Performance, Is.EqualTo(recount.IdealS / recount.RunS).Within(1e-9));
            Assert.That(hour.Quality, Is.EqualTo((double)recount.Good / recount.Total).Within(1e-9));
        });
        await edge.StopAsync();
    }

    [Test]
    public async Task ClassifyUnknownEpisode_IsDeadLetteredWithTheReason()
    {
        await using var broker = await TestBroker.StartAsync();
        using var watcher = await TestClients.ConnectAsync(broker);
        var letters = await TestClients.SubscribeAsync(watcher, "uns/v1/_deadletter/oee");
        var listening = broker.WaitForSubscriptionAsync("uns/v1/+/+/+/+/+/_cmd/classifyDowntime", TimeSpan.FromSeconds(15));
        await using var oee = await StartOeeAsync(broker);
        await listening;
        var now = DateTimeOffset.UtcNow.ToUnixTimeMilliseconds().ToString(CultureInfo.InvariantCulture);
        await watcher.PublishAsync(TestClients.Message($"{Line}/m2/_state", $$"""{"v":1,"ts":{{now}},"state":"running","since":{{now}}}"""));

        await watcher.PublishAsync(TestClients.Message($"{Line}/m2/_cmd/classifyDowntime",
            $$$"""{"v":1,"ts":{{{now}}},"commandId":"c1","issuedBy":"badge-1","arguments":{"episodeId":"m2-1","reasonCode":"jam"}}"""));

        var letter = await letters.WaitForAsync(_ => true, TimeSpan.FromSeconds(15));
        using var json = JsonDocument.Parse(letter.ConvertPayloadToString());
        Assert.Multiple(() =>
        {
            Assert.That(json.RootElement.GetProperty("originalTopic").GetString(), Is.EqualTo($"{Line}/m2/_cmd/classifyDowntime"));
            Assert.That(json.RootElement.GetProperty("reason").GetString(), Does.Contain("m2-1"));
        });
    }

    [Test]
    public async Task Restart_SnapshotSavedOnStop_FiguresComeBackTheSame()
    {
        await using var broker = await TestBroker.StartAsync();
        using var publisher = await TestClients.ConnectAsync(broker);
        var start = DateTimeOffset.UtcNow.AddMinutes(-20).ToUnixTimeMilliseconds();
        string before;
        var listening = broker.WaitForSubscriptionAsync("uns/v1/+/+/+/+/+/_count", TimeSpan.FromSeconds(15));
        await using (var first = await StartOeeAsync(broker))
        {
            // Counts are cumulative: the calculator must see both readings, not only the retained last one.
            await listening;
            await publisher.PublishAsync(TestClients.Message($"{Line}/m2/_state", $$"""{"v":1,"ts":{{start}},"state":"running","since":{{start}}}"""));
            await publisher.PublishAsync(TestClients.Message($"{Line}/m2/_count", $$"""{"v":1,"ts":{{start + 1_000}},"good":100,"scrap":1,"unit":"pcs","idealCycleTimeS":18}"""));
            await publisher.PublishAsync(TestClients.Message($"{Line}/m2/_count", $$"""{"v":1,"ts":{{start + 600_000}},"good":130,"scrap":2,"unit":"pcs","idealCycleTimeS":18}"""));
            before = await WaitForTotalAsync(first, expectedTotal: 31);
        }

        await using var second = await StartOeeAsync(broker);
        var after = await WaitForTotalAsync(second, expectedTotal: 31);

        Assert.That(after, Is.EqualTo(before), "the restarted calculator lost or changed what it had booked");
    }

    /// <summary>The hour figures of m2 once they show <paramref name="expectedTotal"/> units (30 good + 1 scrap here).</summary>
    private static async Task<string> WaitForTotalAsync(TestWebHost oee, long expectedTotal)
    {
        using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(15));
        while (true)
        {
            var body = await oee.Http.GetStringAsync(new Uri($"/api/oee/figures?scope=acme/s1/a1/l1/m2&kind=hour&from={DateTimeOffset.UtcNow.AddHours(-2).UtcDateTime:O}", UriKind.Relative), cts.Token);
            using var json = JsonDocument.Parse(body);
            var totals = json.RootElement.GetProperty("windows").EnumerateArray()
                .Select(w => w.GetProperty("figures"))
                .Select(f => $"{f.GetProperty("windowStart").GetInt64()}:{f.GetProperty("totalCount").GetInt64()}/{f.GetProperty("goodCount").GetInt64()}")
                .ToList();
            var total = json.RootElement.GetProperty("windows").EnumerateArray().Sum(w => w.GetProperty("figures").GetProperty("totalCount").GetInt64());
            if (total == expectedTotal)
            {
                return string.Join(", ", totals);
            }

            await Task.Delay(100, cts.Token);
        }
    }

    [Test]
    public async Task Products_TwoWorkOrdersOfTwoProducts_AreReportedPerProduct()
    {
        await using var broker = await TestBroker.StartAsync();
        using var publisher = await TestClients.ConnectAsync(broker);
        var start = DateTimeOffset.UtcNow.AddMinutes(-20).ToUnixTimeMilliseconds();
        var listening = broker.WaitForSubscriptionAsync("uns/v1/+/+/+/+/+/_count", TimeSpan.FromSeconds(15));
        await using var oee = await StartOeeAsync(broker);
        await listening;

        // Ten minutes of product A (32 made, 2 scrapped), then five of product B (15 made, none scrapped).
        string State(long since, string order, string product) =>
            $$"""{"v":1,"ts":{{since}},"state":"running","since":{{since}},"workOrderId":"{{order}}","productId":"{{product}}"}""";
        string Count(long ts, long good, long scrap, string order, string product) =>
            $$"""{"v":1,"ts":{{ts}},"good":{{good}},"scrap":{{scrap}},"unit":"pcs","idealCycleTimeS":18,"workOrderId":"{{order}}","productId":"{{product}}"}""";
        foreach (var (topic, payload) in new[]
        {
            ("_state", State(start, "WO-A", "A")),
            ("_count", Count(start, 0, 0, "WO-A", "A")),
            ("_count", Count(start + 600_000, 30, 2, "WO-A", "A")),
            ("_state", State(start + 600_000, "WO-B", "B")),
            ("_count", Count(start + 900_000, 45, 2, "WO-B", "B")),
        })
        {
            await publisher.PublishAsync(TestClients.Message($"{Line}/m2/{topic}", payload));
        }

        using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(15));
        JsonElement products;
        while (true)
        {
            var body = await oee.Http.GetStringAsync(new Uri($"/api/oee/products?scope=acme/s1/a1/l1/m2&from={DateTimeOffset.UtcNow.AddHours(-1).UtcDateTime:O}", UriKind.Relative), cts.Token);
            products = JsonDocument.Parse(body).RootElement.GetProperty("products").Clone();
            if (products.GetArrayLength() == 2 && products.EnumerateArray().Sum(p => p.GetProperty("totalCount").GetInt64()) == 47)
            {
                break;
            }

            await Task.Delay(100, cts.Token);
        }

        var byProduct = products.EnumerateArray().ToDictionary(p => p.GetProperty("productId").GetString()!, p => p);
        Assert.Multiple(() =>
        {
            Assert.That(byProduct["A"].GetProperty("totalCount").GetInt64(), Is.EqualTo(32));
            Assert.That(byProduct["A"].GetProperty("quality").GetDouble(), Is.EqualTo(Math.Round(30 / 32.0, 4)));
            Assert.That(byProduct["B"].GetProperty("goodCount").GetInt64(), Is.EqualTo(15));
            // 32 units × 18 s ideal in 600 s of running: performance 0.96.
            Assert.That(byProduct["A"].GetProperty("performance").GetDouble(), Is.EqualTo(0.96));
        });
    }

    [Test]
    public async Task Api_ScopeMissingOrIllegal_AnswersWithAProblem()
    {
        await using var broker = await TestBroker.StartAsync();
        await using var oee = await StartOeeAsync(broker);

        using var missing = await oee.Http.GetAsync(new Uri("/api/oee/losses", UriKind.Relative));
        using var illegal = await oee.Http.GetAsync(new Uri("/api/oee/figures?scope=acme/day%20ton", UriKind.Relative));
        using var wrongKind = await oee.Http.GetAsync(new Uri("/api/oee/figures?scope=acme/s1&kind=week", UriKind.Relative));

        Assert.Multiple(async () =>
        {
            Assert.That(missing.StatusCode, Is.EqualTo(HttpStatusCode.BadRequest));
            Assert.That(await missing.Content.ReadAsStringAsync(), Does.Contain("give the ISA-95 path"));
            Assert.That(await illegal.Content.ReadAsStringAsync(), Does.Contain("contains 'space'"));
            Assert.That(await wrongKind.Content.ReadAsStringAsync(), Does.Contain("'week' is not one of hour, day, shift, workorder"));
        });
    }

    private static async Task<HourFigures> WaitForClosedHourAsync(TestWebHost oee, TimeSpan timeout)
    {
        using var cts = new CancellationTokenSource(timeout);
        while (true)
        {
            var body = await oee.Http.GetStringAsync(new Uri($"/api/oee/figures?scope=acme/s1/a1/l1/m2&kind=hour&from={DateTimeOffset.UtcNow.AddHours(-6).UtcDateTime:O}", UriKind.Relative), cts.Token);
            using var json = JsonDocument.Parse(body);
            foreach (var window in json.RootElement.GetProperty("windows").EnumerateArray())
            {
                var figures = window.GetProperty("figures");
                // The first hour of the run is partial (the machine started mid-hour); take the first full, closed one.
                if (figures.GetProperty("closed").GetBoolean() && figures.GetProperty("plannedBusyTimeS").GetDouble() > 3599)
                {
                    return new HourFigures(
                        figures.GetProperty("windowStart").GetInt64(),
                        figures.GetProperty("plannedBusyTimeS").GetDouble(),
                        figures.GetProperty("runTimeS").GetDouble(),
                        figures.GetProperty("totalCount").GetInt64(),
                        figures.GetProperty("goodCount").GetInt64(),
                        figures.GetProperty("availability").GetDouble(),
                        figures.GetProperty("performance").GetDouble(),
                        figures.GetProperty("quality").GetDouble());
                }
            }

            await Task.Delay(250, cts.Token);
        }
    }

    private static async Task<IHost> StartEdgeAsync(TestBroker broker)
    {
        var model = Path.Combine(broker.DataDirectory, "plant.yaml");
        await File.WriteAllTextAsync(model, PlantYaml);
        return await TestEdge.StartAsync(broker, new Dictionary<string, string?>
        {
            ["Edge:PlantModel"] = model,
            ["Edge:Speed"] = "600",
            ["Edge:StartHoursAgo"] = "3",
        });
    }

    private sealed record HourFigures(long Start, double PlannedBusyTimeS, double RunTimeS, long TotalCount, long GoodCount, double Availability, double Performance, double Quality);

    /// <summary>The calculator alone in a web host on a free port, its state in the broker's temp folder.</summary>
    private static Task<TestWebHost> StartOeeAsync(TestBroker broker) =>
        TestWebHost.StartAsync(broker, new Dictionary<string, string?>
        {
            ["Oee:AllowedLatenessMinutes"] = "2",
            ["Oee:PublishIntervalMs"] = "200",
            ["Oee:LineOutputs:acme/s1/a1/l1"] = "m2",
            ["Oee:StatePath"] = Path.Combine(broker.DataDirectory, "oee-state.json"),
        }, b => b.AddOeeCalculator(), a => a.MapOeeCalculator());
}

using Microsoft.Extensions.Hosting;
using UnsMes.Historian;
using UnsMes.Oee;
using UnsMes.Testing;
using UnsMes.Wip;

namespace UnsMes.Dashboard.Tests.Hosts;

/// <summary>
/// A small plant for the dashboard: two lines of the edge simulation at accelerated time, the real broker, the OEE
/// calculator, the WIP tracker and the historian in hosts of their own and the dashboard in another, as they run when
/// deployed apart.
/// Line 1 runs a released work order (<see cref="WorkOrderId"/>) of FLANGE-80, so WIP, progress, consumption and
/// promises have something real to show.
/// </summary>
public sealed class TestPlant : IAsyncDisposable
{
    public const string Site = "acme/s1";
    public const string Line1 = "acme/s1/a1/l1";
    public const string Line2 = "acme/s1/a1/l2";
    public const string WorkOrderId = "WO-D1";

    private const string WorkOrder = """
        {"v":1,"ts":TS,"workOrderId":"WO-D1","productId":"FLANGE-80","quantity":400,"unit":"pcs","status":"released",
         "line":"acme/s1/a1/l1","bom":[{"materialId":"steel","quantityPerUnit":2.5,"unit":"kg"}],
         "routing":[{"operation":"op10","name":"Turn","workCenter":"m11","idealCycleTimeS":20},
                    {"operation":"op20","name":"Bore","workCenter":"m12","idealCycleTimeS":18},
                    {"operation":"op30","name":"Face","workCenter":"m13","idealCycleTimeS":19}]}
        """;

    private const string PlantYaml = """
        enterprise: acme
        site: s1
        seed: 42
        machineTypes:
          lathe:
            idealCycleTimeS: 20
            scrapRate: 0.02
            faults:
              - { reason: jam, text: "Chip jam", mtbfMinutes: 12, mttrMinutes: 4 }
            tags:
              - { name: spindle_temp, unit: degC, nominal: 42, noise: 0.3, low: 20, high: 70, driver: process, deadband: 0.2 }
        areas:
          - name: a1
            lines:
              - name: l1
                bufferCapacity: 4
                machines:
                  - { name: m11, type: lathe, operation: op10 }
                  - { name: m12, type: lathe, operation: op20, idealCycleTimeS: 18 }
                  - { name: m13, type: lathe, operation: op30, idealCycleTimeS: 19 }
              - name: l2
                bufferCapacity: 4
                machines:
                  - { name: m21, type: lathe, operation: op10 }
                  - { name: m22, type: lathe, operation: op20, idealCycleTimeS: 18 }
        """;

    private readonly List<IAsyncDisposable> _parts = [];
    private IHost? _edge;

    private TestPlant(TestBroker broker) => Broker = broker;

    public TestBroker Broker { get; }

    public TestWebHost Oee { get; private set; } = null!;

    public TestWebHost Wip { get; private set; } = null!;

    public TestWebHost Historian { get; private set; } = null!;

    public TestWebHost Dashboard { get; private set; } = null!;

    /// <summary>Starts the plant; <paramref name="dashboardSettings"/> are added to the dashboard's configuration.</summary>
    public static async Task<TestPlant> StartAsync(IDictionary<string, string?> dashboardSettings)
    {
        var plant = new TestPlant(await TestBroker.StartAsync());
        try
        {
            var oeeListening = plant.Broker.WaitForSubscriptionAsync("uns/v1/+/+/+/+/+/_count", TimeSpan.FromSeconds(20));
            plant.Oee = await TestWebHost.StartAsync(plant.Broker, OeeSettings(plant.Broker), b => b.AddOeeCalculator(), a => a.MapOeeCalculator());
            plant._parts.Add(plant.Oee);
            await oeeListening;

            var wipListening = plant.Broker.WaitForSubscriptionAsync("uns/v1/+/+/_workorder/+", TimeSpan.FromSeconds(20));
            plant.Wip = await TestWebHost.StartAsync(plant.Broker, WipSettings(plant.Broker), b => b.AddWipTracker(), a => a.MapWipTracker());
            plant._parts.Add(plant.Wip);
            await wipListening;
            using (var planner = await TestClients.ConnectAsync(plant.Broker))
            {
                var now = DateTimeOffset.UtcNow.ToUnixTimeMilliseconds().ToString(System.Globalization.CultureInfo.InvariantCulture);
                await planner.PublishAsync(TestClients.Message($"uns/v1/{Site}/_workorder/{WorkOrderId}", WorkOrder.Replace("TS", now, StringComparison.Ordinal), retain: true));
            }

            var historianListening = plant.Broker.WaitForSubscriptionAsync("uns/v1/+/+/+/+/+/_tag/+", TimeSpan.FromSeconds(20));
            plant.Historian = await TestWebHost.StartAsync(plant.Broker, new Dictionary<string, string?>
            {
                ["Historian:SqlitePath"] = Path.Combine(plant.Broker.DataDirectory, "history.db"),
                ["Historian:BatchMaxDelayMs"] = "50",
            }, b => b.AddHistorian(), a => a.MapHistorian());
            plant._parts.Add(plant.Historian);
            await historianListening;

            var settings = new Dictionary<string, string?>(dashboardSettings)
            {
                ["Dashboard:HistorianUrl"] = plant.Historian.BaseAddress.ToString(),
                ["Dashboard:OeeUrl"] = plant.Oee.BaseAddress.ToString(),
                ["Dashboard:WipUrl"] = plant.Wip.BaseAddress.ToString(),
            };
            var dashboardListening = plant.Broker.WaitForSubscriptionAsync("uns/v1/#", TimeSpan.FromSeconds(20));
            plant.Dashboard = await TestWebHost.StartAsync(plant.Broker, settings, b => b.AddDashboard(), a => a.MapDashboard());
            plant._parts.Add(plant.Dashboard);
            await dashboardListening;

            var model = Path.Combine(plant.Broker.DataDirectory, "plant.yaml");
            await File.WriteAllTextAsync(model, PlantYaml);
            plant._edge = await TestEdge.StartAsync(plant.Broker, new Dictionary<string, string?>
            {
                ["Edge:PlantModel"] = model,
                ["Edge:Speed"] = "120",
                ["Edge:StartHoursAgo"] = "3",
                ["Edge:TagIntervalMs"] = "1000",
            });
            return plant;
        }
        catch
        {
            await plant.DisposeAsync();
            throw;
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (_edge is not null)
        {
            await _edge.StopAsync();
            _edge.Dispose();
        }

        for (var i = _parts.Count - 1; i >= 0; i--)
        {
            await _parts[i].DisposeAsync();
        }

        await Broker.DisposeAsync();
    }

    private static Dictionary<string, string?> WipSettings(TestBroker broker) => new()
    {
        ["Wip:PublishIntervalMs"] = "200",
        ["Wip:StatePath"] = Path.Combine(broker.DataDirectory, "wip-state.json"),
        ["Wip:GenealogyPath"] = Path.Combine(broker.DataDirectory, "wip-genealogy.db"),
    };

    private static Dictionary<string, string?> OeeSettings(TestBroker broker) => new()
    {
        ["Oee:PublishIntervalMs"] = "200",
        ["Oee:AllowedLatenessMinutes"] = "2",
        // At 120x a stop of 30 s of machine time lasts a quarter of a real second: it still becomes an episode.
        ["Oee:MicroStopThresholdSeconds"] = "30",
        ["Oee:LineOutputs:acme/s1/a1/l1"] = "m13",
        ["Oee:LineOutputs:acme/s1/a1/l2"] = "m22",
        ["Oee:StatePath"] = Path.Combine(broker.DataDirectory, "oee-state.json"),
        ["Oee:Shifts:0:Name"] = "A",
        ["Oee:Shifts:0:Start"] = "06:00",
        ["Oee:Shifts:0:End"] = "14:00",
        ["Oee:Shifts:1:Name"] = "B",
        ["Oee:Shifts:1:Start"] = "14:00",
        ["Oee:Shifts:1:End"] = "22:00",
        ["Oee:Shifts:2:Name"] = "C",
        ["Oee:Shifts:2:Start"] = "22:00",
        ["Oee:Shifts:2:End"] = "06:00",
    };
}

using System.Net;
using System.Text.Json;
using Google.Protobuf;
using Microsoft.Extensions.Logging.Abstractions;
using MQTTnet;
using MQTTnet.Formatter;
using MQTTnet.Protocol;
using UnsMes.EdgePublisher.Sparkplug;
using UnsMes.Sparkplug;
using UnsMes.Sparkplug.Protocol;
using UnsMes.Testing;
using Metric = UnsMes.Sparkplug.Protocol.Payload.Types.Metric;

namespace UnsMes.Historian.Tests;

/// <summary>
/// Sparkplug B into the historian: the edge publisher's own Sparkplug edge node publishes births, data and deaths
/// through the real broker; values are read back over the query API.
/// </summary>
public class SparkplugIngestTests
{
    private const string Group = "Plant1";
    private const string Edge = "edge1";
    private const string SawId = "line1-saw01";
    private const string SawTags = $"spBv1.0/{Group}/{Edge}/{SawId}";
    private const string NodeTags = $"spBv1.0/{Group}/{Edge}/_node";

    private string _directory = null!;

    [SetUp]
    public void CreateFolder() => _directory = Directory.CreateTempSubdirectory("unsmes-historian-sparkplug-").FullName;

    [TearDown]
    public void RemoveFolder()
    {
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        Directory.Delete(_directory, recursive: true);
    }

    [TestCase(HistorianStoreKind.Sqlite)]
    [TestCase(HistorianStoreKind.Postgres)]
    public async Task Sparkplug_EdgeBirthsAndAliasOnlyData_AreStoredAsTagsWithTheirTimestamps(HistorianStoreKind kind)
    {
        await using var postgres = kind == HistorianStoreKind.Postgres ? await PostgresServer.StartAsync() : null;
        var store = await StoreSettingsAsync(postgres);
        await using var broker = await TestBroker.StartAsync();
        await using var historian = await StartAsync(broker, store);
        var t = Publish.Now() - 60_000;
        var node = new SparkplugEdgeNode(Group, Edge, TimeProvider.System, NullLogger<SparkplugEdgeNode>.Instance,
            nodeMetrics: [new("uptime", SparkplugDataType.Int64, 3600L, t)]);
        node.Report(Saw(t, state: "running", good: 120, load: 41.5, door: true));
        using var edge = await ConnectAsync(broker, node);

        // NBIRTH, DBIRTH (names and aliases with the first values), then a DDATA with aliases only: what changed.
        await edge.ReportAsync(Saw(t + 1000, state: "down", good: 121, load: 43.25, door: true), CancellationToken.None);
        await edge.ReportAsync(new SparkplugDevice(SawId,
        [
            .. Saw(t + 2000, state: "down", good: 121, load: 44.0, door: false).Metrics,
            new SparkplugMetricValue("tags/spindle_load", SparkplugDataType.Double, 42.0, t + 1500, isHistorical: true),
        ]), CancellationToken.None);
        await edge.ReportNodeAsync([new("uptime", SparkplugDataType.Int64, 3700L, t + 1000)], CancellationToken.None);
        await historian.WaitForMessagesAsync(5);

        var raw = await GetJsonAsync(historian, $"/api/history/raw?tag={SawTags}/tags/spindle_load&from={t}&to={t + 3000}");
        var points = raw.GetProperty("points").EnumerateArray().ToList();
        Assert.That(points.Select(p => (p.GetProperty("ts").GetInt64(), p.GetProperty("value").GetDouble(), p.GetProperty("historical").GetBoolean())),
            Is.EqualTo(new[] { (t, 41.5, false), (t + 1000, 43.25, false), (t + 1500, 42.0, true), (t + 2000, 44.0, false) }));

        var latest = await GetJsonAsync(historian, $"/api/history/latest?filter=spBv1.0/{Group}/%2B/%23");
        var values = latest.GetProperty("values").EnumerateArray().ToDictionary(v => v.GetProperty("tag").GetString()!, v => (v.GetProperty("value").ToString(), v.GetProperty("ts").GetInt64()));
        Assert.That(values, Is.EquivalentTo(new Dictionary<string, (string, long)>
        {
            [$"{NodeTags}/uptime"] = ("3700", t + 1000),
            [$"{SawTags}/state"] = ("down", t + 1000),
            [$"{SawTags}/good"] = ("121", t + 1000),
            [$"{SawTags}/tags/spindle_load"] = ("44", t + 2000),
            [$"{SawTags}/door_closed"] = ("False", t + 2000),
        }), "bdSeq and Node Control/Rebirth are session bookkeeping, not recorded");

        var tags = await GetJsonAsync(historian, $"/api/history/tags?filter=spBv1.0/%2B/%2B/{SawId}/%23");
        Assert.That(tags.GetProperty("tags").EnumerateArray().Select(x => (x.GetProperty("name").GetString(), x.GetProperty("kind").GetString())),
            Is.EquivalentTo(new[] { ($"{SawTags}/door_closed", "boolean"), ($"{SawTags}/good", "number"), ($"{SawTags}/state", "text"), ($"{SawTags}/tags/spindle_load", "number") }));
        var buckets = await GetJsonAsync(historian, $"/api/history/aggregate?tag={SawTags}/good&from={t}&to={t + 60_000}&bucketSeconds=60");
        Assert.That(buckets.GetProperty("buckets")[0].GetProperty("max").GetDouble(), Is.EqualTo(121));
        Assert.That(historian.Status.DeadLettered, Is.Zero);
        Assert.That(historian.Status.SparkplugSeqGaps, Is.Zero);
    }

    [Test]
    public async Task Sparkplug_DataWithoutABirth_IsDeadLetteredAndTheEdgeNodeIsAskedForARebirth()
    {
        await using var broker = await TestBroker.StartAsync();
        using var watcher = await TestClients.ConnectAsync(broker);
        var letters = await TestClients.SubscribeAsync(watcher, "uns/v1/_deadletter/historian");
        using var commandWatcher = await TestClients.ConnectAsync(broker);
        var commands = await TestClients.SubscribeAsync(commandWatcher, "spBv1.0/+/NCMD/+");
        var t = Publish.Now() - 60_000;
        var node = new SparkplugEdgeNode(Group, Edge, TimeProvider.System, NullLogger<SparkplugEdgeNode>.Instance);
        node.Report(Saw(t, state: "running", good: 120, load: 41.5, door: true));

        // The edge is born before the historian listens (births are QoS 0 and not retained: they are gone).
        using var edge = await ConnectAsync(broker, node);
        await using var historian = await StartAsync(broker);
        await edge.ReportAsync(Saw(t + 1000, state: "running", good: 121, load: 43.25, door: true), CancellationToken.None);

        var letter = JsonDocument.Parse((await letters.WaitForAsync(_ => true)).ConvertPayloadToString()).RootElement;
        Assert.That(letter.GetProperty("originalTopic").GetString(), Is.EqualTo($"spBv1.0/{Group}/DDATA/{Edge}/{SawId}"));
        Assert.That(letter.GetProperty("reason").GetString(), Does.Contain($"no DBIRTH seen for {Group}/{Edge}/{SawId}"));
        var command = await commands.WaitForAsync(m => m.Topic == $"spBv1.0/{Group}/NCMD/{Edge}");
        var rebirth = Payload.Parser.ParseFrom(command.Payload).Metrics.Single();
        Assert.That((rebirth.Name, rebirth.BooleanValue), Is.EqualTo((SparkplugNodeControl.Rebirth, true)));

        // The edge answers with its births, which carry the current values: they are recorded.
        await WaitUntilAsync(async () => await LatestAsync(historian, $"{SawTags}/good") == "121");
        await edge.ReportAsync(Saw(t + 2000, state: "running", good: 122, load: 43.25, door: true), CancellationToken.None);
        await WaitUntilAsync(async () => await LatestAsync(historian, $"{SawTags}/good") == "122");
        Assert.That(historian.Status.SparkplugRebirths, Is.EqualTo(1));

        // An alias the birth did not define: refused with the alias named (no second rebirth within the interval).
        using var rogue = await TestClients.ConnectAsync(broker);
        await rogue.PublishAsync(Sparkplug($"spBv1.0/{Group}/DDATA/{Edge}/{SawId}", new Payload
        {
            Timestamp = (ulong)t, Seq = 9,
            Metrics = { new Metric { Alias = 999, Datatype = (uint)SparkplugDataType.Double, Timestamp = (ulong)(t + 3000), DoubleValue = 1 } },
        }));
        await letters.WaitForCountAsync(2);
        var second = JsonDocument.Parse(letters.Messages.Last().ConvertPayloadToString()).RootElement;
        Assert.That(second.GetProperty("reason").GetString(), Does.Contain($"alias 999 is not in the birth of {Group}/{Edge}/{SawId}"));
        Assert.That(historian.Status.SparkplugRebirths, Is.EqualTo(1));
    }

    [TestCase(HistorianStoreKind.Sqlite)]
    [TestCase(HistorianStoreKind.Postgres)]
    public async Task Sparkplug_HistorianRestarted_ReadsDataAgainstTheBirthsItSawBefore(HistorianStoreKind kind)
    {
        await using var postgres = kind == HistorianStoreKind.Postgres ? await PostgresServer.StartAsync() : null;
        var settings = await StoreSettingsAsync(postgres);

        // No rebirth requests: after the restart, only what the historian kept can make the data readable.
        settings["Historian:Sparkplug:RequestRebirth"] = "false";
        await using var broker = await TestBroker.StartAsync();
        var t = Publish.Now() - 60_000;
        var node = new SparkplugEdgeNode(Group, Edge, TimeProvider.System, NullLogger<SparkplugEdgeNode>.Instance);
        node.Report(Saw(t, state: "running", good: 120, load: 41.5, door: true));
        using var edge = await ConnectAsync(broker, node, connect: false);
        await using (var first = await StartAsync(broker, settings))
        {
            await edge.ConnectAsync(EdgeOptions(broker), CancellationToken.None); // NBIRTH and DBIRTH
            await edge.ReportAsync(Saw(t + 1000, state: "running", good: 121, load: 43.25, door: true), CancellationToken.None);
            await WaitUntilAsync(async () => await LatestAsync(first, $"{SawTags}/good") == "121");
        }

        // The edge node's session goes on (no new birth): its data carries aliases only.
        await using var restarted = await StartAsync(broker, settings);
        await edge.ReportAsync(Saw(t + 2000, state: "down", good: 122, load: 44.0, door: false), CancellationToken.None);

        await WaitUntilAsync(async () => await LatestAsync(restarted, $"{SawTags}/good") == "122");
        Assert.Multiple(() =>
        {
            Assert.That(restarted.Status.DeadLettered, Is.Zero);
            Assert.That(restarted.Status.SparkplugRebirths, Is.Zero);
        });
    }

    [Test]
    public async Task Sparkplug_DeviceAndNodeDeath_MarkTheirTagsBadFromThen()
    {
        await using var broker = await TestBroker.StartAsync();
        await using var historian = await StartAsync(broker);
        var t = Publish.Now() - 60_000;
        var node = new SparkplugEdgeNode(Group, Edge, TimeProvider.System, NullLogger<SparkplugEdgeNode>.Instance,
            nodeMetrics: [new("uptime", SparkplugDataType.Int64, 3600L, t)]);
        node.Report(Saw(t, state: "running", good: 120, load: 41.5, door: true));
        node.Report(new SparkplugDevice("line1-lathe01", [new("good", SparkplugDataType.Int64, 7L, t)]));
        using var edge = await ConnectAsync(broker, node);
        await historian.WaitForMessagesAsync(3);

        var beforeDeath = Publish.Now();
        await edge.RemoveDeviceAsync(SawId, CancellationToken.None);
        await WaitUntilAsync(async () => (await LatestPointAsync(historian, $"{SawTags}/good")).GetProperty("quality").GetString() == "bad");
        var dead = await LatestPointAsync(historian, $"{SawTags}/good");
        Assert.That(dead.GetProperty("value").GetDouble(), Is.EqualTo(120), "the last value, now bad");
        Assert.That(dead.GetProperty("ts").GetInt64(), Is.GreaterThanOrEqualTo(beforeDeath - 1000), "from the DDEATH's time");
        Assert.That((await LatestPointAsync(historian, $"{SawTags}/state")).GetProperty("quality").GetString(), Is.EqualTo("bad"));
        Assert.That((await LatestPointAsync(historian, "spBv1.0/Plant1/edge1/line1-lathe01/good")).GetProperty("quality").GetString(), Is.EqualTo("good"));

        // The edge leaves: its NDEATH makes the node's and remaining devices' tags bad.
        await edge.DisconnectAsync(CancellationToken.None);
        await WaitUntilAsync(async () => (await LatestPointAsync(historian, "spBv1.0/Plant1/edge1/line1-lathe01/good")).GetProperty("quality").GetString() == "bad");
        Assert.That((await LatestPointAsync(historian, $"{NodeTags}/uptime")).GetProperty("quality").GetString(), Is.EqualTo("bad"));
        Assert.That(historian.Status.DeadLettered, Is.Zero);
    }

    [Test]
    public async Task Sparkplug_SeqGap_IsCountedAndTheDataKept()
    {
        await using var broker = await TestBroker.StartAsync();
        await using var historian = await StartAsync(broker);
        using var edge = await TestClients.ConnectAsync(broker);
        var t = Publish.Now() - 60_000;
        await edge.PublishAsync(Sparkplug($"spBv1.0/{Group}/NBIRTH/{Edge}", new Payload
        {
            Timestamp = (ulong)t, Seq = 0,
            Metrics = { new Metric { Name = "bdSeq", Datatype = (uint)SparkplugDataType.Int64, LongValue = 0 } },
        }));
        await edge.PublishAsync(Sparkplug($"spBv1.0/{Group}/DBIRTH/{Edge}/press1", new Payload
        {
            Timestamp = (ulong)t, Seq = 1,
            Metrics = { new Metric { Name = "pressure", Alias = 5, Datatype = (uint)SparkplugDataType.Float, Timestamp = (ulong)t, FloatValue = 2.5f } },
        }));
        // seq 2 and 3 are lost; 4 arrives, with the metric by name instead of alias.
        await edge.PublishAsync(Sparkplug($"spBv1.0/{Group}/DDATA/{Edge}/press1", new Payload
        {
            Timestamp = (ulong)t, Seq = 4,
            Metrics = { new Metric { Name = "pressure", Datatype = (uint)SparkplugDataType.Float, Timestamp = (ulong)(t + 10), FloatValue = 3.5f } },
        }));
        await historian.WaitForMessagesAsync(3);

        Assert.That(historian.Status.SparkplugSeqGaps, Is.EqualTo(1));
        var raw = await GetJsonAsync(historian, $"/api/history/raw?tag=spBv1.0/{Group}/{Edge}/press1/pressure&from={t}&to={t + 100}");
        Assert.That(raw.GetProperty("points").EnumerateArray().Select(p => p.GetProperty("value").GetDouble()), Is.EqualTo(new[] { 2.5, 3.5 }));
    }

    [Test]
    public async Task Sparkplug_Disabled_NothingIsSubscribed()
    {
        await using var broker = await TestBroker.StartAsync();
        await using var historian = await StartAsync(broker, new Dictionary<string, string?> { ["Historian:Sparkplug:Enabled"] = "false" });
        using var edge = await TestClients.ConnectAsync(broker);
        var result = await edge.PublishAsync(Sparkplug($"spBv1.0/{Group}/NBIRTH/{Edge}", new Payload { Timestamp = 1, Seq = 0 }, MqttQualityOfServiceLevel.AtLeastOnce));
        Assert.That(result.ReasonCode, Is.EqualTo(MqttClientPublishReasonCode.NoMatchingSubscribers));
    }

    [Test]
    public async Task Sparkplug_RebirthIntervalOutOfRange_IsRefusedAtStart()
    {
        await using var broker = await TestBroker.StartAsync();
        var refused = Assert.ThrowsAsync<Microsoft.Extensions.Options.OptionsValidationException>(
            () => StartAsync(broker, new Dictionary<string, string?> { ["Historian:Sparkplug:RebirthIntervalSeconds"] = "0" }));
        Assert.That(refused!.Message, Does.Contain("RebirthIntervalSeconds"));
    }

    private static SparkplugDevice Saw(long ts, string state, long good, double load, bool door) => new(SawId,
    [
        new("state", SparkplugDataType.String, state, ts),
        new("good", SparkplugDataType.Int64, good, ts),
        new("tags/spindle_load", SparkplugDataType.Double, load, ts),
        new("door_closed", SparkplugDataType.Boolean, door, ts),
    ]);

    private static MqttApplicationMessage Sparkplug(string topic, Payload payload, MqttQualityOfServiceLevel qos = MqttQualityOfServiceLevel.AtMostOnce) =>
        new MqttApplicationMessageBuilder().WithTopic(topic).WithPayload(payload.ToByteArray()).WithQualityOfServiceLevel(qos).Build();

    private static async Task<SparkplugMqttEdgeNode> ConnectAsync(TestBroker broker, SparkplugEdgeNode node, bool connect = true)
    {
        var edge = new SparkplugMqttEdgeNode(node, new MqttClientFactory().CreateMqttClient(), NullLogger<SparkplugMqttEdgeNode>.Instance);
        if (connect)
        {
            await edge.ConnectAsync(EdgeOptions(broker), CancellationToken.None);
        }

        return edge;
    }

    /// <summary>The historian's store settings: SQLite without a server, else a fresh database of it.</summary>
    private static async Task<Dictionary<string, string?>> StoreSettingsAsync(PostgresServer? postgres) => postgres is null
        ? new Dictionary<string, string?> { ["Historian:Store"] = "Sqlite" }
        : new Dictionary<string, string?> { ["Historian:Store"] = "Postgres", ["Historian:PostgresConnectionString"] = await postgres.CreateDatabaseAsync() };

    private static MqttClientOptions EdgeOptions(TestBroker broker) =>
        new MqttClientOptionsBuilder().WithTcpServer("127.0.0.1", broker.Port).WithClientId($"edge-{Guid.NewGuid():N}").WithProtocolVersion(MqttProtocolVersion.V311).Build();

    private async Task<HistorianHost> StartAsync(TestBroker broker, Dictionary<string, string?>? extra = null)
    {
        var settings = new Dictionary<string, string?>
        {
            ["Historian:SqlitePath"] = Path.Combine(_directory, "history.db"),
            ["Uns:Clients:historian:ClientId"] = $"historian-{Guid.NewGuid():N}",
        };
        foreach (var (key, value) in extra ?? [])
        {
            settings[key] = value;
        }

        return await HistorianHost.StartAsync(broker, settings);
    }

    private static async Task<JsonElement> LatestPointAsync(HistorianHost historian, string tag) =>
        (await GetJsonAsync(historian, $"/api/history/latest?tag={tag}")).GetProperty("values")[0];

    private static async Task<string?> LatestAsync(HistorianHost historian, string tag)
    {
        using var response = await historian.Http.GetAsync(new Uri($"/api/history/latest?tag={tag}", UriKind.Relative));
        return response.StatusCode == HttpStatusCode.OK
            ? JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.GetProperty("values")[0].GetProperty("value").ToString()
            : null;
    }

    private static async Task WaitUntilAsync(Func<Task<bool>> condition)
    {
        using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(20));
        while (!await condition())
        {
            await Task.Delay(20, cts.Token);
        }
    }

    private static async Task<JsonElement> GetJsonAsync(HistorianHost historian, string query)
    {
        using var response = await historian.Http.GetAsync(new Uri(query, UriKind.Relative));
        var body = await response.Content.ReadAsStringAsync();
        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK), $"{query}: {body}");
        return JsonDocument.Parse(body).RootElement;
    }
}

using MQTTnet;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using UnsMes.Testing;

namespace UnsMes.Historian.Tests;

/// <summary>The historian as a service: the real broker, messages published over TCP, answers over HTTP.</summary>
public class HistorianServiceTests
{
    private string _directory = null!;

    [SetUp]
    public void CreateFolder() => _directory = Directory.CreateTempSubdirectory("unsmes-historian-service-").FullName;

    [TearDown]
    public void RemoveFolder()
    {
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        Directory.Delete(_directory, recursive: true);
    }

    [Test]
    public async Task Ingest_EveryFamilyFromTheBroker_IsStoredAndAnsweredByTheApi()
    {
        await using var broker = await TestBroker.StartAsync();
        await using var historian = await StartAsync(broker);
        using var machine = await TestClients.ConnectAsync(broker);
        var t = Publish.Now() - 60_000;

        await machine.PublishAsync(Publish.Tag("spindle_load", t, 41.5));
        await machine.PublishAsync(Publish.Tag("spindle_load", t + 1000, 43.25));
        await machine.PublishAsync(Publish.Tag("door_closed", t, "true", unit: ""));
        await machine.PublishAsync(Publish.Tag("program", t, "\"O1234\"", unit: ""));
        await machine.PublishAsync(TestClients.Message($"{Publish.Cell}/_state", $$"""{"v":1,"ts":{{t + 5}},"state":"down","since":{{t + 2}},"reasonCode":"jam"}""", retain: true));
        await machine.PublishAsync(TestClients.Message($"{Publish.Cell}/_count", $$"""{"v":1,"ts":{{t}},"good":120,"scrap":3,"unit":"pcs"}""", retain: true));
        await machine.PublishAsync(TestClients.Message($"{Publish.Cell}/_event/jam", $$"""{"v":1,"ts":{{t + 3}},"severity":"warning","message":"jam at station 2"}"""));
        await machine.PublishAsync(TestClients.Message($"{Publish.Cell}/_downtime",
            $$"""{"v":1,"ts":{{t + 4}},"episodeId":"e-1","state":"down","start":{{t + 2}},"reasonCode":"jam","classified":true,"planned":false}"""));
        await historian.WaitForMessagesAsync(8);

        var raw = await GetJsonAsync(historian, $"/api/history/raw?tag={Publish.Cell}/_tag/spindle_load&from={t}&to={t + 2000}");
        Assert.That(raw.GetProperty("points").EnumerateArray().Select(p => p.GetProperty("value").GetDouble()), Is.EqualTo(new[] { 41.5, 43.25 }));
        Assert.That(raw.GetProperty("unit").GetString(), Is.EqualTo("%"));

        var latest = await GetJsonAsync(historian, $"/api/history/latest?filter=uns/v1/acme/s1/a1/l1/m1/%23");
        var values = latest.GetProperty("values").EnumerateArray().ToDictionary(v => v.GetProperty("tag").GetString()!, v => v.GetProperty("value").ToString());
        Assert.That(values, Is.EquivalentTo(new Dictionary<string, string>
        {
            [$"{Publish.Cell}/_tag/spindle_load"] = "43.25",
            [$"{Publish.Cell}/_tag/door_closed"] = "True",
            [$"{Publish.Cell}/_tag/program"] = "O1234",
            [$"{Publish.Cell}/_state"] = "down",
            [$"{Publish.Cell}/_count/good"] = "120",
            [$"{Publish.Cell}/_count/scrap"] = "3",
        }));

        var events = await GetJsonAsync(historian, $"/api/history/events?path=acme/s1/a1&from={t}");
        Assert.That(events.GetProperty("events").EnumerateArray().Select(e => e.GetProperty("type").GetString()), Is.EqualTo(new[] { "jam", "downtime" }));
        var jams = await GetJsonAsync(historian, $"/api/history/events?type=jam&from={t}");
        Assert.That(jams.GetProperty("events")[0].GetProperty("payload").GetProperty("message").GetString(), Is.EqualTo("jam at station 2"));

        var tags = await GetJsonAsync(historian, "/api/history/tags?filter=uns/v1/%2B/%2B/%2B/%2B/%2B/_count/%23");
        Assert.That(tags.GetProperty("tags").EnumerateArray().Select(x => x.GetProperty("name").GetString()), Is.EqualTo(new[] { $"{Publish.Cell}/_count/good", $"{Publish.Cell}/_count/scrap" }));
    }

    [Test]
    public async Task Ingest_ValuesTheStoreCannotKeep_AreDeadLetteredWithTheReason()
    {
        // The broker's own contract check would refuse the non-finite number first; the historian must refuse it too.
        await using var broker = await TestBroker.StartAsync(extra: new Dictionary<string, string?> { ["Broker:ValidateContract"] = "false" });
        using var watcher = await TestClients.ConnectAsync(broker);
        var letters = await TestClients.SubscribeAsync(watcher, "uns/v1/_deadletter/historian");
        await using var historian = await StartAsync(broker, new Dictionary<string, string?> { ["Historian:MaxStringLength"] = "16" });
        var t = Publish.Now();

        await watcher.PublishAsync(Publish.Tag("mode", t, 1));
        await watcher.PublishAsync(Publish.Tag("mode", t + 1, "\"auto\""));
        await watcher.PublishAsync(Publish.Tag("temperature", t, "1e999"));
        await watcher.PublishAsync(Publish.Tag("note", t, $"\"{new string('x', 100)}\""));
        await watcher.PublishAsync(Publish.Tag("label", t, "\"a\\u0000b\""));
        await watcher.PublishAsync(Publish.Tag("good", t, 7));
        await historian.WaitForMessagesAsync(6);

        await letters.WaitForCountAsync(4);
        var reasons = letters.Messages.Select(m => JsonDocument.Parse(m.ConvertPayloadToString()).RootElement).ToDictionary(
            p => p.GetProperty("originalTopic").GetString()!.Split('/')[^1], p => p.GetProperty("reason").GetString()!);
        Assert.That(reasons["mode"], Does.Contain("holds number values"));
        Assert.That(reasons["temperature"], Does.Contain("not a finite number"));
        Assert.That(reasons["note"], Does.Contain("longer than the historian keeps (16)"));
        Assert.That(reasons["label"], Does.Contain("NUL character"));
        Assert.That(historian.Status.DeadLettered, Is.EqualTo(4));
        Assert.That(historian.Status.Points, Is.EqualTo(2), "the good values are stored");
    }

    [Test]
    public async Task Api_OutOfRangeAndTooLargeQueries_AnswerWithProblems()
    {
        await using var broker = await TestBroker.StartAsync();
        await using var historian = await StartAsync(broker, new Dictionary<string, string?> { ["Historian:MaxExportRows"] = "1" });
        using var machine = await TestClients.ConnectAsync(broker);
        await machine.PublishAsync(Publish.Tag("spindle_load", Publish.Now() - 1000, 1));
        await machine.PublishAsync(Publish.Tag("spindle_load", Publish.Now(), 2));
        await historian.WaitForMessagesAsync(2);
        var tag = $"{Publish.Cell}/_tag/spindle_load";

        (string Query, HttpStatusCode Status, string Parameter)[] cases =
        [
            ("/api/history/raw", HttpStatusCode.BadRequest, "tag"),
            ($"/api/history/raw?tag={tag}&limit=0", HttpStatusCode.BadRequest, "limit"),
            ($"/api/history/raw?tag={tag}&limit=100000000", HttpStatusCode.BadRequest, "limit"),
            ($"/api/history/raw?tag={tag}&from=2026-01-02T00:00:00Z&to=2026-01-01T00:00:00Z", HttpStatusCode.BadRequest, "to"),
            ($"/api/history/raw?tag={tag}&from=yesterday", HttpStatusCode.BadRequest, "from"),
            ($"/api/history/aggregate?tag={tag}&from=0&bucketSeconds=1", HttpStatusCode.RequestEntityTooLarge, "bucketSeconds"),
            ($"/api/history/aggregate?tag={tag}&bucketSeconds=-5", HttpStatusCode.BadRequest, "bucketSeconds"),
            ($"/api/history/aggregate?tag={tag}&source=daily", HttpStatusCode.BadRequest, "source"),
            ($"/api/history/export?tag={tag}&format=xlsx", HttpStatusCode.BadRequest, "format"),
            ($"/api/history/export?tag={tag}&format=csv", HttpStatusCode.RequestEntityTooLarge, "to"),
            ("/api/history/tags?filter=uns/%23/x", HttpStatusCode.BadRequest, "filter"),
            ("/api/history/latest?filter=%23&limit=0", HttpStatusCode.BadRequest, "limit"),
            ("/api/history/events?path=acme/bad%20name", HttpStatusCode.BadRequest, "path"),
        ];
        foreach (var (query, status, parameter) in cases)
        {
            using var response = await historian.Http.GetAsync(new Uri(query, UriKind.Relative));
            Assert.That(response.StatusCode, Is.EqualTo(status), query);
            Assert.That(response.Content.Headers.ContentType?.MediaType, Is.EqualTo("application/problem+json"), query);
            var problem = await response.Content.ReadFromJsonAsync<JsonElement>();
            Assert.That(problem.GetProperty("parameter").GetString(), Is.EqualTo(parameter), query);
        }

        using var unknown = await historian.Http.GetAsync(new Uri("/api/history/raw?tag=uns/v1/nope", UriKind.Relative));
        Assert.That(unknown.StatusCode, Is.EqualTo(HttpStatusCode.NotFound));
        var openApi = await historian.Http.GetStringAsync(new Uri("/api/history/openapi/historian.json", UriKind.Relative));
        Assert.That(openApi, Does.Contain("/api/history/aggregate"));
    }

    [Test]
    public async Task Api_WhileTheDatabaseIsUnreachable_AnswersServiceUnavailable()
    {
        await using var broker = await TestBroker.StartAsync();
        await using var historian = await HistorianHost.StartAsync(broker, new Dictionary<string, string?>
        {
            ["Historian:Store"] = "Postgres",
            ["Historian:PostgresConnectionString"] = $"Host=127.0.0.1;Port={FreePort.Next()};Username=nobody;Database=none;Timeout=1",
        }, waitForIngest: false);

        using var response = await historian.Http.GetAsync(new Uri("/api/history/tags", UriKind.Relative));
        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.ServiceUnavailable));
        Assert.That(historian.Status.StoreReady, Is.False);
        var deadline = DateTime.UtcNow.AddSeconds(10);
        while (historian.Status.StoreError is null && DateTime.UtcNow < deadline)
        {
            await Task.Delay(20);
        }

        Assert.That(historian.Status.StoreError, Is.Not.Null, "the outage is reported");
    }

    private static async Task<JsonElement> GetJsonAsync(HistorianHost historian, string query)
    {
        using var response = await historian.Http.GetAsync(new Uri(query, UriKind.Relative));
        var body = await response.Content.ReadAsStringAsync();
        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK), $"{query}: {body}");
        return JsonDocument.Parse(body).RootElement;
    }

    private Task<HistorianHost> StartAsync(TestBroker broker, Dictionary<string, string?>? extra = null)
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

        return StartAndWaitAsync(broker, settings);
    }

    private static async Task<HistorianHost> StartAndWaitAsync(TestBroker broker, Dictionary<string, string?> settings)
    {
        return await HistorianHost.StartAsync(broker, settings);
    }
}

using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using MQTTnet;
using UnsMes.Dashboard.Tests.Hosts;
using UnsMes.Oee;
using UnsMes.Testing;
using UnsMes.Wip;

namespace UnsMes.Dashboard.Tests;

/// <summary>The dashboard server's endpoints against the real broker (and the OEE calculator where one is needed).</summary>
public class DashboardApiTests
{
    private const string Cell = "uns/v1/acme/s1/a1/l1/m1";

    [Test]
    public async Task Topics_RetainedStateOnTheBroker_IsInTheTreeWithItsPayload()
    {
        await using var broker = await TestBroker.StartAsync();
        using var publisher = await TestClients.ConnectAsync(broker);
        await using var dashboard = await StartDashboardAsync(broker);
        var now = Now();
        await publisher.PublishAsync(TestClients.Message($"{Cell}/_state", $$"""{"v":1,"ts":{{now}},"state":"down","since":{{now}},"reasonCode":"jam"}""", retain: true));

        using var json = await PollAsync(dashboard, "/api/dashboard/topics?prefix=uns/v1/acme/", doc => doc.RootElement.GetProperty("latest").GetArrayLength() > 0);
        var entry = json.RootElement.GetProperty("latest")[0];
        Assert.Multiple(() =>
        {
            Assert.That(entry.GetProperty("topic").GetString(), Is.EqualTo($"{Cell}/_state"));
            Assert.That(entry.GetProperty("payload").GetString(), Does.Contain("\"reasonCode\":\"jam\""));
            Assert.That(json.RootElement.GetProperty("history").EnumerateArray().Select(h => h.GetProperty("topic").GetString()), Does.Contain($"{Cell}/_state"));
        });
    }

    [Test]
    public async Task Topics_BrokerRequiresLogin_DashboardUsesItsOwnCredentials()
    {
        await using var broker = await TestBroker.StartAsync(allowAnonymous: false);
        using var publisher = await TestClients.ConnectAsync(broker, TestBroker.DevUser, TestBroker.DevPassword);
        await using var dashboard = await StartDashboardAsync(broker, new()
        {
            ["Uns:Clients:dashboard:Username"] = TestBroker.DevUser,
            ["Uns:Clients:dashboard:Password"] = TestBroker.DevPassword,
        });
        var now = Now();
        await publisher.PublishAsync(TestClients.Message($"{Cell}/_state", $$"""{"v":1,"ts":{{now}},"state":"running","since":{{now}}}""", retain: true));

        using var json = await PollAsync(dashboard, "/api/dashboard/topics?prefix=uns/v1/acme/", doc => doc.RootElement.GetProperty("latest").GetArrayLength() > 0);
        Assert.That(json.RootElement.GetProperty("latest")[0].GetProperty("topic").GetString(), Is.EqualTo($"{Cell}/_state"));
    }

    [Test]
    public async Task Login_UsersConfigured_DataNeedsASignInWithTheRightPassword()
    {
        await using var broker = await TestBroker.StartAsync();
        await using var dashboard = await StartDashboardAsync(broker, new()
        {
            ["Dashboard:Users:0:Username"] = "ana",
            ["Dashboard:Users:0:PasswordHash"] = UnsMes.Broker.Security.PasswordHasher.Hash("s3cret", 10_000),
        });
        using var handler = new HttpClientHandler { CookieContainer = new CookieContainer(), AllowAutoRedirect = false };
        using var person = new HttpClient(handler) { BaseAddress = dashboard.BaseAddress };

        using var before = await person.GetAsync(new Uri("/api/dashboard/settings", UriKind.Relative));
        var page = await person.GetStringAsync(new Uri("/", UriKind.Relative));
        using var wrong = await person.PostAsync(new Uri("/api/dashboard/login", UriKind.Relative), Form("ana", "guess"));
        using var stillClosed = await person.GetAsync(new Uri("/api/dashboard/topics", UriKind.Relative));
        using var right = await person.PostAsync(new Uri("/api/dashboard/login", UriKind.Relative), Form("ana", "s3cret"));
        using var after = await person.GetAsync(new Uri("/api/dashboard/settings", UriKind.Relative));

        Assert.Multiple(async () =>
        {
            Assert.That(before.StatusCode, Is.EqualTo(HttpStatusCode.Unauthorized));
            Assert.That(page, Does.Contain("Sign in"));
            Assert.That(wrong.Headers.Location?.ToString(), Is.EqualTo("/?login=failed"));
            Assert.That(stillClosed.StatusCode, Is.EqualTo(HttpStatusCode.Unauthorized));
            Assert.That(right.Headers.Location?.ToString(), Is.EqualTo("/"));
            Assert.That(after.StatusCode, Is.EqualTo(HttpStatusCode.OK));
            Assert.That(await after.Content.ReadAsStringAsync(), Does.Contain("\"user\":\"ana\""));
        });
    }

    private static FormUrlEncodedContent Form(string user, string password) =>
        new(new Dictionary<string, string> { ["username"] = user, ["password"] = password });

    [Test]
    public async Task Stream_BrowserConnected_GetsSnapshotThenEachNewMessage()
    {
        await using var broker = await TestBroker.StartAsync();
        using var publisher = await TestClients.ConnectAsync(broker);
        await using var dashboard = await StartDashboardAsync(broker);

        using var response = await dashboard.Http.GetAsync(new Uri("/api/dashboard/stream", UriKind.Relative), HttpCompletionOption.ResponseHeadersRead);
        using var reader = new StreamReader(await response.Content.ReadAsStreamAsync());
        var first = await ReadEventAsync(reader);
        var now = Now();
        await publisher.PublishAsync(TestClients.Message($"{Cell}/_count", $$"""{"v":1,"ts":{{now}},"good":7,"scrap":1,"unit":"pcs"}""", retain: true));
        var second = await ReadEventAsync(reader, e => e.Data.Contains("_count", StringComparison.Ordinal));

        Assert.Multiple(() =>
        {
            Assert.That(response.Content.Headers.ContentType?.MediaType, Is.EqualTo("text/event-stream"));
            Assert.That(first.Name, Is.EqualTo("snapshot"));
            Assert.That(second.Name, Is.EqualTo("message"));
            using var message = JsonDocument.Parse(second.Data);
            Assert.That(message.RootElement.GetProperty("topic").GetString(), Is.EqualTo($"{Cell}/_count"));
            Assert.That(message.RootElement.GetProperty("payload").GetString(), Does.Contain("\"good\":7"));
        });
    }

    [Test]
    public async Task Classify_ValidRequest_PublishesTheCommandOnTheCell()
    {
        await using var broker = await TestBroker.StartAsync();
        using var watcher = await TestClients.ConnectAsync(broker);
        var commands = await TestClients.SubscribeAsync(watcher, "uns/v1/+/+/+/+/+/_cmd/#");
        await using var dashboard = await StartDashboardAsync(broker);

        using var response = await dashboard.Http.PostAsJsonAsync(new Uri("/api/dashboard/commands/classify-downtime", UriKind.Relative),
            new { cell = "acme/s1/a1/l1/m1", episodeId = "m1-1795000000000", reasonCode = "jam", reasonText = "Chip jam", issuedBy = "badge-7" });
        var command = await commands.WaitForAsync(_ => true, TimeSpan.FromSeconds(10));

        using var payload = JsonDocument.Parse(command.ConvertPayloadToString());
        var arguments = payload.RootElement.GetProperty("arguments");
        Assert.Multiple(() =>
        {
            Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.Accepted));
            Assert.That(command.Topic, Is.EqualTo($"{Cell}/_cmd/classifyDowntime"));
            Assert.That(payload.RootElement.GetProperty("issuedBy").GetString(), Is.EqualTo("badge-7"));
            Assert.That(arguments.GetProperty("episodeId").GetString(), Is.EqualTo("m1-1795000000000"));
            Assert.That(arguments.GetProperty("reasonCode").GetString(), Is.EqualTo("jam"));
            Assert.That(arguments.GetProperty("reasonText").GetString(), Is.EqualTo("Chip jam"));
        });
    }

    [Test]
    public async Task Classify_NotAMachineOrIllegalReason_ProblemNamesTheFields()
    {
        await using var broker = await TestBroker.StartAsync();
        await using var dashboard = await StartDashboardAsync(broker);

        using var response = await dashboard.Http.PostAsJsonAsync(new Uri("/api/dashboard/commands/classify-downtime", UriKind.Relative),
            new { cell = "acme/s1/a1/l1", episodeId = "m1-1", reasonCode = "bad reason" });
        var body = await response.Content.ReadAsStringAsync();

        Assert.Multiple(() =>
        {
            Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.BadRequest));
            Assert.That(body, Does.Contain("is not the path of a machine"));
            Assert.That(body, Does.Contain("reasonCode"));
        });
    }

    [Test]
    public async Task Peers_ServiceNotRunning_AnswersNotAvailable()
    {
        await using var broker = await TestBroker.StartAsync();
        var closedPort = FreePort.Next();
        await using var dashboard = await StartDashboardAsync(broker, new() { ["Dashboard:WipUrl"] = $"http://127.0.0.1:{closedPort}" });

        using var response = await dashboard.Http.GetAsync(new Uri("/api/dashboard/peers/wip/promise?productId=P&quantity=5&by=2030-01-01T00:00:00Z", UriKind.Relative));
        using var problem = JsonDocument.Parse(await response.Content.ReadAsStringAsync());

        Assert.Multiple(() =>
        {
            Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.ServiceUnavailable));
            Assert.That(problem.RootElement.GetProperty("title").GetString(), Is.EqualTo("The WIP tracker is not available"));
            Assert.That(problem.RootElement.GetProperty("service").GetString(), Is.EqualTo("wip"));
        });
    }

    [Test]
    public async Task Peers_SameProcessWithoutThatApi_AnswersNotAvailable_WithOee_PassesItsAnswerThrough()
    {
        // The all-in-one arrangement: no URLs configured, the dashboard and the OEE calculator share a host, the
        // historian is not part of it.
        await using var broker = await TestBroker.StartAsync();
        await using var host = await TestWebHost.StartAsync(broker, new Dictionary<string, string?> { ["Oee:StatePath"] = Path.Combine(broker.DataDirectory, "oee.json") },
            b => { b.AddOeeCalculator(); b.AddDashboard(); },
            a => { a.MapOeeCalculator(); a.MapDashboard(); });

        using var oee = await host.Http.GetAsync(new Uri("/api/dashboard/peers/oee/downtime?scope=acme/s1", UriKind.Relative));
        using var oeeProblem = await host.Http.GetAsync(new Uri("/api/dashboard/peers/oee/losses", UriKind.Relative));
        using var history = await host.Http.GetAsync(new Uri("/api/dashboard/peers/history/aggregate?tag=x", UriKind.Relative));

        Assert.Multiple(async () =>
        {
            Assert.That(oee.StatusCode, Is.EqualTo(HttpStatusCode.OK));
            Assert.That(await oee.Content.ReadAsStringAsync(), Does.Contain("\"stops\":[]"));
            Assert.That(oeeProblem.StatusCode, Is.EqualTo(HttpStatusCode.BadRequest), "the service's own problem passes through");
            Assert.That(await oeeProblem.Content.ReadAsStringAsync(), Does.Contain("give the ISA-95 path"));
            Assert.That(history.StatusCode, Is.EqualTo(HttpStatusCode.ServiceUnavailable));
            Assert.That(await history.Content.ReadAsStringAsync(), Does.Contain("The historian is not available"));
        });
    }

    [Test]
    public async Task Peers_UnknownServiceOrPath_IsRefused()
    {
        await using var broker = await TestBroker.StartAsync();
        await using var dashboard = await StartDashboardAsync(broker);

        using var unknown = await dashboard.Http.GetAsync(new Uri("/api/dashboard/peers/mail/send", UriKind.Relative));
        using var dotted = await dashboard.Http.GetAsync(new Uri("/api/dashboard/peers/oee/a.b", UriKind.Relative));

        Assert.Multiple(() =>
        {
            Assert.That(unknown.StatusCode, Is.EqualTo(HttpStatusCode.NotFound));
            Assert.That(dotted.StatusCode, Is.EqualTo(HttpStatusCode.BadRequest));
        });
    }

    [Test]
    public async Task Peers_Wip_AnswersPassThrough()
    {
        await using var broker = await TestBroker.StartAsync();
        await using var wip = await TestWebHost.StartAsync(broker, new Dictionary<string, string?>
        {
            ["Wip:StatePath"] = Path.Combine(broker.DataDirectory, "wip-state.json"),
            ["Wip:GenealogyPath"] = Path.Combine(broker.DataDirectory, "wip-genealogy.db"),
        }, b => b.AddWipTracker(), a => a.MapWipTracker());
        await using var dashboard = await StartDashboardAsync(broker, new() { ["Dashboard:WipUrl"] = wip.BaseAddress.ToString() });

        using var promise = await dashboard.Http.GetAsync(new Uri($"/api/dashboard/peers/wip/promise?productId=FLANGE-80&quantity=10&by={DateTime.UtcNow.AddDays(7):yyyy-MM-ddTHH:mm:ssZ}", UriKind.Relative));
        using var unknownOrder = await dashboard.Http.GetAsync(new Uri("/api/dashboard/peers/wip/workorders/WO-404", UriKind.Relative));

        Assert.Multiple(async () =>
        {
            Assert.That(promise.StatusCode, Is.EqualTo(HttpStatusCode.OK));
            // Nothing was made yet, so the tracker cannot promise, and says why.
            Assert.That(await promise.Content.ReadAsStringAsync(), Does.Contain("\"canPromise\":false").And.Contain("No line has made FLANGE-80"));
            Assert.That(unknownOrder.StatusCode, Is.EqualTo(HttpStatusCode.NotFound), "a problem answer of the service is its answer, not an absence");
            Assert.That(await unknownOrder.Content.ReadAsStringAsync(), Does.Contain("was never released to the floor"));
        });
    }

    [Test]
    public async Task Settings_ShowTargetsBandsAndTheBrokerConnection()
    {
        await using var broker = await TestBroker.StartAsync();
        await using var dashboard = await StartDashboardAsync(broker, new()
        {
            ["Dashboard:ShiftTargets:acme/s1/a1/l1"] = "400",
            ["Dashboard:TagLimits:spindle_temp:High"] = "70",
        });

        using var json = await PollAsync(dashboard, "/api/dashboard/settings", doc => doc.RootElement.GetProperty("broker").GetProperty("connected").GetBoolean());
        Assert.Multiple(() =>
        {
            Assert.That(json.RootElement.GetProperty("shiftTargets").GetProperty("acme/s1/a1/l1").GetDouble(), Is.EqualTo(400));
            Assert.That(json.RootElement.GetProperty("tagLimits").GetProperty("spindle_temp").GetProperty("high").GetDouble(), Is.EqualTo(70));
            Assert.That(json.RootElement.GetProperty("reasonCodes").GetArrayLength(), Is.GreaterThan(0));
        });
    }

    [Test]
    public async Task Site_ServesThePageItsScriptsAndTheChartLibrary()
    {
        await using var broker = await TestBroker.StartAsync();
        await using var dashboard = await StartDashboardAsync(broker);

        using var page = await dashboard.Http.GetAsync(new Uri("/", UriKind.Relative));
        using var chart = await dashboard.Http.GetAsync(new Uri("/dashboard/vendor/chart.umd.min.js", UriKind.Relative));
        using var missing = await dashboard.Http.GetAsync(new Uri("/dashboard/nothing.js", UriKind.Relative));

        Assert.Multiple(async () =>
        {
            Assert.That(page.Content.Headers.ContentType?.MediaType, Is.EqualTo("text/html"));
            Assert.That(await page.Content.ReadAsStringAsync(), Does.Contain("/dashboard/core.js"));
            Assert.That(chart.StatusCode, Is.EqualTo(HttpStatusCode.OK));
            Assert.That(await chart.Content.ReadAsStringAsync(), Does.Contain("Chart.js"));
            Assert.That(missing.StatusCode, Is.EqualTo(HttpStatusCode.NotFound));
        });
    }

    private static Task<TestWebHost> StartDashboardAsync(TestBroker broker, Dictionary<string, string?>? settings = null) =>
        TestWebHost.StartAsync(broker, settings ?? [], b => b.AddDashboard(), a => a.MapDashboard());

    private static string Now() => DateTimeOffset.UtcNow.ToUnixTimeMilliseconds().ToString(CultureInfo.InvariantCulture);

    private static async Task<JsonDocument> PollAsync(TestWebHost host, string path, Func<JsonDocument, bool> done)
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(15));
        while (true)
        {
            var json = JsonDocument.Parse(await host.Http.GetStringAsync(new Uri(path, UriKind.Relative), timeout.Token));
            if (done(json))
            {
                return json;
            }

            json.Dispose();
            await Task.Delay(100, timeout.Token);
        }
    }

    private sealed record ServerEvent(string Name, string Data);

    private static async Task<ServerEvent> ReadEventAsync(StreamReader reader, Func<ServerEvent, bool>? match = null)
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(15));
        string? name = null;
        while (true)
        {
            var line = await reader.ReadLineAsync(timeout.Token) ?? throw new EndOfStreamException("the stream ended");
            if (line.StartsWith("event: ", StringComparison.Ordinal))
            {
                name = line[7..];
            }
            else if (line.StartsWith("data: ", StringComparison.Ordinal) && name is not null)
            {
                var e = new ServerEvent(name, line[6..]);
                if (match is null || match(e))
                {
                    return e;
                }
            }
        }
    }
}

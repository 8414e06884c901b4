using System.Globalization;
using System.Text.RegularExpressions;
using Microsoft.Playwright;
using MQTTnet;
using UnsMes.Dashboard.Tests.Hosts;
using UnsMes.Testing;
using static Microsoft.Playwright.Assertions;

namespace UnsMes.Dashboard.Tests.Browser;

/// <summary>
/// What a person sees: the dashboard in Chromium against a live plant (edge simulation at 120x for its first 90 s, the real broker, the
/// OEE calculator, the WIP tracker running a work order on line 1, the historian). One plant serves every test of the fixture;
/// the tests run in the order a supervisor would look.
/// </summary>
[NonParallelizable]
public class DashboardBrowserTests
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(60);

    private Chromium _chromium = null!;
    private TestPlant _plant = null!;
    private IPage _page = null!;

    [OneTimeSetUp]
    public async Task StartAsync()
    {
        _chromium = await Chromium.LaunchAsync();
        _plant = await TestPlant.StartAsync(new Dictionary<string, string?>
        {
            ["Dashboard:ShiftTargets:acme/s1/a1/l1"] = "400",
            ["Dashboard:TagLimits:spindle_temp:Low"] = "20",
            ["Dashboard:TagLimits:spindle_temp:High"] = "70",
        });
        _page = await _chromium.NewTabletPageAsync();
        SetDefaultExpectTimeout((float)Patience.TotalMilliseconds);
        await _page.GotoAsync(_plant.Dashboard.BaseAddress.ToString());
    }

    [OneTimeTearDown]
    public async Task StopAsync()
    {
        if (_chromium is not null)
        {
            await _chromium.DisposeAsync();
        }

        if (_plant is not null)
        {
            await _plant.DisposeAsync();
        }
    }

    [Test, Order(1)]
    public async Task Overview_LivePlant_MachineStatesChangeAndGoodCountGrows()
    {
        await GoAsync("overview");
        var line = _page.GetByTestId($"line-{TestPlant.Line1}");
        await Expect(line.Locator(".machine")).ToHaveCountAsync(3);
        await Expect(_page.GetByTestId("connection")).ToHaveTextAsync("live");

        // Good count: wait for the first figure, then for a larger one.
        var good = line.GetByTestId("good-shift");
        await Expect(good).ToHaveTextAsync(new Regex(@"^[\d,]+$"));
        var first = Number(await good.TextContentAsync());
        await _page.WaitForFunctionAsync(
            "([sel, n]) => Number(document.querySelector(sel)?.textContent.replace(/,/g, '')) > n",
            new object[] { $"[data-testid='line-{TestPlant.Line1}'] [data-testid='good-shift']", first },
            new PageWaitForFunctionOptions { Timeout = (float)Patience.TotalMilliseconds });

        // Machine states: some machine shows a state other than the one it showed first.
        var before = await StatesAsync();
        await _page.WaitForFunctionAsync(
            "before => [...document.querySelectorAll('#view-overview .machine')].some(m => before[m.dataset.testid] !== undefined && before[m.dataset.testid] !== m.dataset.state)",
            before,
            new PageWaitForFunctionOptions { Timeout = (float)Patience.TotalMilliseconds });
        await Expect(line.GetByTestId("oee")).ToHaveTextAsync(new Regex(@"\d+\.\d%"));
        await Screenshots.TakeAsync(_page, "overview");
    }

    [Test, Order(2)]
    public async Task ForcedStop_ShowsOnTheRightLineWithReasonAndMinutes_ClassifyingUpdatesThePareto()
    {
        const string cell = TestPlant.Line2 + "/m22";
        using var operatorPanel = await TestClients.ConnectAsync(_plant.Broker);
        var now = DateTimeOffset.UtcNow.ToUnixTimeMilliseconds().ToString(CultureInfo.InvariantCulture);
        await operatorPanel.PublishAsync(TestClients.Message($"uns/v1/{cell}/_cmd/forceStop",
            $$$"""{"v":1,"ts":{{{now}}},"commandId":"force-1","issuedBy":"test","arguments":{"reasonCode":"unclassified","reasonText":"Stopped for the test","minutes":"240"}}"""));

        // The plant overview: the machine is down on line 2, with the reason; line 1 shows no such stop.
        await GoAsync("overview");
        var machine = _page.GetByTestId($"machine-{cell}");
        await Expect(machine).ToHaveAttributeAsync("data-state", "down");
        await Expect(machine.GetByTestId("reason")).ToHaveTextAsync("Stopped for the test");
        await Expect(_page.GetByTestId($"line-{TestPlant.Line2}")).ToContainTextAsync("Stopped for the test");
        await Expect(_page.GetByTestId($"line-{TestPlant.Line1}")).Not.ToContainTextAsync("Stopped for the test");

        // Why is the line down: station, reason and minutes, not classified yet.
        await GoAsync("questions");
        var stop = _page.GetByTestId($"stop-{cell}");
        await Expect(stop.GetByTestId("stop-reason")).ToContainTextAsync("Stopped for the test — not classified yet");
        await Expect(stop).ToContainTextAsync("l2");
        await Expect(stop.GetByTestId("stop-minutes")).ToHaveTextAsync(new Regex(@"^\d+\.\d min$"));
        await _page.WaitForFunctionAsync(
            "sel => parseFloat(document.querySelector(sel)?.textContent) > 0",
            $"[data-testid='stop-{cell}'] [data-testid='stop-minutes']",
            new PageWaitForFunctionOptions { Timeout = (float)Patience.TotalMilliseconds });
        await Screenshots.TakeAsync(_page, "questions-stop");

        // Classify it; the loss Pareto of line 2 then shows the minutes under the new cause.
        await _page.GetByTestId("pareto-scope").SelectOptionAsync(TestPlant.Line2);
        await stop.GetByTestId("classify-reason").FillAsync("bar_feeder_jam");
        await stop.GetByTestId("classify-text").FillAsync("Bar feeder jammed");
        await stop.GetByTestId("classify-submit").ClickAsync();
        await Expect(stop.GetByTestId("stop-reason")).ToHaveTextAsync("Bar feeder jammed");
        await Expect(_page.GetByTestId("pareto-row-bar_feeder_jam")).ToBeVisibleAsync();
        await _page.GetByTestId("pareto-cause").ScrollIntoViewIfNeededAsync();
        await Screenshots.TakeAsync(_page, "questions");
    }

    [Test, Order(3)]
    public async Task PromiseForm_Asked_ShowsTheAnswerAndItsReasoning()
    {
        await GoAsync("questions");
        await _page.GetByTestId("promise-product").FillAsync("FLANGE-80");
        await _page.GetByTestId("promise-quantity").FillAsync("500");
        await _page.GetByTestId("promise-by").FillAsync(DateTime.UtcNow.AddDays(2).ToString("yyyy-MM-ddTHH:mm", CultureInfo.InvariantCulture));
        await _page.GetByTestId("promise-ask").ClickAsync();

        // Line 1 makes FLANGE-80 at 150-180 an hour (its bottleneck's ideal is 180): 48 h hold thousands, less at most
        // the 400 of the running order, so 500 can be promised; the reasoning names rate, hours, open work and the total.
        await Expect(_page.GetByTestId("promise-verdict")).ToContainTextAsync("Yes: 500 × FLANGE-80");
        await Expect(_page.GetByTestId("promise-reasoning").Locator("li")).ToHaveCountAsync(4);

        await _page.GetByTestId("promise-quantity").FillAsync("100000");
        await _page.GetByTestId("promise-ask").ClickAsync();
        await Expect(_page.GetByTestId("promise-verdict")).ToContainTextAsync("No: 100,000 × FLANGE-80");
    }

    [Test, Order(4)]
    public async Task ConsumptionForm_RunningOrder_ShowsActualAgainstTheBom()
    {
        await GoAsync("questions");
        await _page.GetByTestId("consumption-wo").FillAsync(TestPlant.WorkOrderId);
        await _page.GetByTestId("consumption-wo").PressAsync("Enter");

        // The WIP tracker books 2.5 kg of steel per unit started; the BOM allows 2.5 kg per good unit.
        await Expect(_page.GetByTestId("consumption-answer")).ToContainTextAsync("steel");
        await Expect(_page.GetByTestId("consumption-answer")).ToContainTextAsync("kg");
    }

    [Test, Order(5)]
    public async Task LineView_WithHistorian_ShowsRoutingAndTrendsFromHistory()
    {
        await GoAsync("line/" + TestPlant.Line1);
        await Expect(_page.Locator("#line-flow .machine")).ToHaveCountAsync(3);
        await Expect(_page.Locator("#line-flow .machine .name")).ToHaveTextAsync(["m11", "m12", "m13"]);
        await Expect(_page.GetByTestId("trend-spindle_temp")).ToHaveAttributeAsync("data-source", "historian");
        await Expect(_page.Locator("#trend-area").GetByTestId("not-available")).ToHaveCountAsync(0);
        await Screenshots.TakeAsync(_page, "line");
    }

    [Test, Order(6)]
    public async Task TopicBrowser_TopicPicked_ShowsItsLatestPayload()
    {
        await GoAsync("topics");
        await _page.GetByTestId("topic-filter").FillAsync("l1/m11/_state");
        await _page.Locator(".leaf", new PageLocatorOptions { HasText = "_state" }).First.ClickAsync();
        await Expect(_page.GetByTestId("topic-payload")).ToContainTextAsync("\"state\":");
        await Screenshots.TakeAsync(_page, "topics");

        await GoAsync("erp");
        await Expect(_page.GetByTestId("status-dashboard")).ToContainTextAsync("healthy");
        await Screenshots.TakeAsync(_page, "erp");
    }

    private async Task GoAsync(string view)
    {
        await _page.EvaluateAsync("v => { location.hash = v; }", view);
        await Expect(_page.Locator($"#view-{view.Split('/')[0]}")).ToBeVisibleAsync();
    }

    private async Task<Dictionary<string, string>> StatesAsync() =>
        await _page.EvaluateAsync<Dictionary<string, string>>(
            "() => Object.fromEntries([...document.querySelectorAll('#view-overview .machine')].map(m => [m.dataset.testid, m.dataset.state]))");

    private static double Number(string? text) => double.Parse((text ?? "0").Replace(",", "", StringComparison.Ordinal), CultureInfo.InvariantCulture);
}

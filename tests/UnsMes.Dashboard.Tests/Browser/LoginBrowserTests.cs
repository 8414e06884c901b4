using Microsoft.Playwright;
using UnsMes.Broker.Security;
using UnsMes.Dashboard.Tests.Hosts;
using UnsMes.Testing;
using static Microsoft.Playwright.Assertions;

namespace UnsMes.Dashboard.Tests.Browser;

/// <summary>Signing in as a person would, when the dashboard has users configured.</summary>
public class LoginBrowserTests
{
    [Test]
    public async Task SignIn_WrongThenRightPassword_OpensTheLiveDashboard()
    {
        await using var chromium = await Chromium.LaunchAsync();
        await using var broker = await TestBroker.StartAsync();
        await using var dashboard = await TestWebHost.StartAsync(broker, new Dictionary<string, string?>
        {
            ["Dashboard:Users:0:Username"] = "ana",
            ["Dashboard:Users:0:PasswordHash"] = PasswordHasher.Hash("s3cret", 10_000),
        }, b => b.AddDashboard(), a => a.MapDashboard());
        var page = await chromium.NewTabletPageAsync();

        await page.GotoAsync(dashboard.BaseAddress.ToString());
        await page.GetByTestId("login-user").FillAsync("ana");
        await page.GetByTestId("login-password").FillAsync("guess");
        await page.GetByTestId("login-submit").ClickAsync();
        await Expect(page.GetByText("Wrong user name or password.")).ToBeVisibleAsync();

        // The form comes back empty after a failed attempt.
        await page.GetByTestId("login-user").FillAsync("ana");
        await page.GetByTestId("login-password").FillAsync("s3cret");
        await page.GetByTestId("login-submit").ClickAsync();
        await Expect(page.GetByTestId("connection")).ToHaveTextAsync("live", new LocatorAssertionsToHaveTextOptions { Timeout = 20_000 });
        await Expect(page.Locator("header .signout")).ToContainTextAsync("ana");
    }
}

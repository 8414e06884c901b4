using Microsoft.Extensions.Options;
using UnsMes.Dashboard.Api;
using UnsMes.Dashboard.Live;
using UnsMes.Dashboard.Security;
using UnsMes.Dashboard.Site;
using UnsMes.ServiceDefaults.Uns;

namespace UnsMes.Dashboard;

public static class DashboardRegistration
{
    public const string ClientName = "dashboard";

    public static IHostApplicationBuilder AddDashboard(this IHostApplicationBuilder builder)
    {
        builder.Services.AddOptions<DashboardOptions>()
            .Bind(builder.Configuration.GetSection(DashboardOptions.SectionName))
            .ValidateDataAnnotations()
            .ValidateOnStart();

        // The topic tree lives in memory: on every start the dashboard needs the broker's retained values again, so
        // its session starts clean unless the configuration says otherwise (Uns:Clients:dashboard:CleanStart).
        builder.Services.Configure<UnsClientOptions>(ClientName, o => o.CleanStart = true);
        builder.AddUnsClient(ClientName);

        builder.Services.AddSingleton<TopicTree>();
        builder.Services.AddSingleton<LiveFeed>();
        builder.Services.AddSingleton<PeerServices>();
        builder.Services.AddSingleton<DashboardLogin>();
        builder.Services.AddDataProtection();
        builder.Services.AddHostedService<DashboardStreamingService>();
        builder.Services.AddHttpClient(PeerApi.HttpClientName, (sp, http) =>
            http.Timeout = TimeSpan.FromSeconds(sp.GetRequiredService<IOptions<DashboardOptions>>().Value.PeerTimeoutSeconds));
        return builder;
    }

    public static WebApplication MapDashboard(this WebApplication app)
    {
        app.MapEmbeddedSite();
        app.MapLoginApi();
        var data = app.MapGroup(string.Empty).RequireDashboardLogin();
        data.MapLiveApi();
        data.MapPeerApi();
        data.MapCommandApi();
        data.MapSettingsApi();
        return app;
    }
}

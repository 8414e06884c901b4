using Dapr.Client;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using UnsMes.Oee.Api;
using UnsMes.Oee.State;
using UnsMes.Oee.Streaming;
using UnsMes.ServiceDefaults;
using UnsMes.ServiceDefaults.State;
using UnsMes.ServiceDefaults.Uns;

namespace UnsMes.Oee;

public static class OeeRegistration
{
    public const string ClientName = "oee";

    public static IHostApplicationBuilder AddOeeCalculator(this IHostApplicationBuilder builder)
    {
        builder.AddServiceOptions<OeeOptions>(OeeOptions.SectionName).WithPlantShifts(builder.Configuration, o => o.Shifts);
        builder.AddUnsClient(ClientName);
        builder.Services.AddSingleton<IOeeStateStore>(sp =>
        {
            var o = sp.GetRequiredService<IOptions<OeeOptions>>().Value;
            return o.StateStore switch
            {
                OeeStateStoreKind.Dapr => new OeeStateStore(new DaprSnapshotStore(sp.GetRequiredService<DaprClient>(), o.DaprStateStoreName, o.DaprStateKey)),
                _ => new OeeStateStore(new FileSnapshotStore(Path.IsPathRooted(o.StatePath) ? o.StatePath : Path.Combine(builder.Environment.ContentRootPath, o.StatePath))),
            };
        });

        // The client finds the sidecar from DAPR_GRPC_ENDPOINT / DAPR_GRPC_PORT; it is only built when the Dapr store is chosen,
        // and a host that registers its own DaprClient (e.g. the all-in-one host) keeps it.
        builder.Services.TryAddSingleton(_ => new DaprClientBuilder().Build());

        // The saved snapshot is restored by the streaming service before it subscribes (loading is asynchronous).
        builder.Services.AddSingleton(sp => new OeeEngine(sp.GetRequiredService<IOptions<OeeOptions>>().Value));
        builder.Services.AddHostedService<OeeStreamingService>();
        return builder;
    }

    public static WebApplication MapOeeCalculator(this WebApplication app)
    {
        app.MapOeeApi();
        return app;
    }
}

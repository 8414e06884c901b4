using Dapr.Client;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using UnsMes.ServiceDefaults;
using UnsMes.ServiceDefaults.State;
using UnsMes.ServiceDefaults.Uns;
using UnsMes.Wip.Api;
using UnsMes.Wip.Domain;
using UnsMes.Wip.Genealogy;
using UnsMes.Wip.Streaming;

namespace UnsMes.Wip;

public static class WipRegistration
{
    public const string ClientName = "wip";

    public static IHostApplicationBuilder AddWipTracker(this IHostApplicationBuilder builder)
    {
        builder.AddServiceOptions<WipOptions>(WipOptions.SectionName).WithPlantShifts(builder.Configuration, o => o.Shifts);
        builder.AddUnsClient(ClientName);
        string Local(string path) => Path.IsPathRooted(path) ? path : Path.Combine(builder.Environment.ContentRootPath, path);
        builder.Services.AddKeyedSingleton<ISnapshotStore>(ClientName, (sp, _) =>
        {
            var o = sp.GetRequiredService<IOptions<WipOptions>>().Value;
            return o.StateStore == WipStateStoreKind.Dapr
                ? new DaprSnapshotStore(sp.GetRequiredService<DaprClient>(), o.DaprStateStoreName, o.DaprStateKey)
                : new FileSnapshotStore(Local(o.StatePath));
        });
        builder.Services.TryAddSingleton(_ => new DaprClientBuilder().Build());
        builder.Services.AddSingleton<IGenealogyStore>(sp =>
        {
            var o = sp.GetRequiredService<IOptions<WipOptions>>().Value;
            return o.GenealogyStore == GenealogyStoreKind.Postgres
                ? new PostgresGenealogyStore(o.GenealogyConnectionString ?? throw new OptionsValidationException(WipOptions.SectionName, typeof(WipOptions), ["Wip:GenealogyConnectionString is required when Wip:GenealogyStore is Postgres."]))
                : new SqliteGenealogyStore(Local(o.GenealogyPath));
        });
        builder.Services.AddSingleton(sp =>
        {
            var o = sp.GetRequiredService<IOptions<WipOptions>>().Value;
            return new WipEngine(new WipTracker(o, o.Calendar()), sp.GetRequiredService<TimeProvider>());
        });
        builder.Services.AddHostedService<WipStreamingService>();
        return builder;
    }

    public static WebApplication MapWipTracker(this WebApplication app)
    {
        app.MapWipApi();
        return app;
    }
}

using Microsoft.Extensions.Options;
using UnsMes.Historian.Api;
using UnsMes.Historian.Ingest;
using UnsMes.Historian.Query;
using UnsMes.Historian.Rollups;
using UnsMes.Historian.Storage;
using UnsMes.Historian.Storage.Postgres;
using UnsMes.Historian.Storage.Sqlite;
using UnsMes.ServiceDefaults.Uns;

namespace UnsMes.Historian;

public static class HistorianRegistration
{
    public const string ClientName = "historian";

    public static IHostApplicationBuilder AddHistorian(this IHostApplicationBuilder builder)
    {
        builder.Services.AddOptions<HistorianOptions>()
            .Bind(builder.Configuration.GetSection(HistorianOptions.SectionName))
            .ValidateDataAnnotations()
            .ValidateOnStart();
        builder.AddUnsClient(ClientName);
        builder.Services.AddSingleton<IHistorianStore>(sp =>
        {
            var o = sp.GetRequiredService<IOptions<HistorianOptions>>().Value;
            return o.Store switch
            {
                HistorianStoreKind.Postgres => new PostgresHistorianStore(o.PostgresConnectionString),
                _ => new SqliteHistorianStore(Path.IsPathRooted(o.SqlitePath) ? o.SqlitePath : Path.Combine(builder.Environment.ContentRootPath, o.SqlitePath)),
            };
        });
        builder.Services.AddSingleton<IngestStatus>();
        builder.Services.AddSingleton<IngestConnections>();
        builder.Services.AddHostedService(sp => sp.GetRequiredService<IngestConnections>());
        builder.Services.AddSingleton<HistoryQueries>();
        builder.Services.AddHostedService<HistorianIngestService>();
        builder.Services.AddHostedService<MaintenanceService>();
        builder.Services.AddOpenApi("historian", o => o.ShouldInclude = d => d.RelativePath?.StartsWith("api/history", StringComparison.Ordinal) == true);
        return builder;
    }

    public static WebApplication MapHistorian(this WebApplication app)
    {
        app.MapHistoryApi();

        // The API's description: /api/history/openapi/historian.json.
        app.MapOpenApi("/api/history/openapi/{documentName}.json");
        return app;
    }
}

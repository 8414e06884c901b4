using Microsoft.Extensions.Options;
using UnsMes.ErpBridge.Adapters;
using UnsMes.ErpBridge.Adapters.Dapr;
using UnsMes.ErpBridge.Adapters.Tryton;
using UnsMes.ErpBridge.Api;
using UnsMes.ErpBridge.Outbox;
using UnsMes.ErpBridge.Sync;
using UnsMes.ServiceDefaults.Uns;

namespace UnsMes.ErpBridge;

public static class ErpBridgeRegistration
{
    /// <summary>The bridge's UNS client name: its <c>_status</c> and <c>_deadletter</c> topics carry it.</summary>
    public const string ClientName = "erp-bridge";

    public static IHostApplicationBuilder AddErpBridge(this IHostApplicationBuilder builder)
    {
        builder.Services.AddOptions<ErpBridgeOptions>()
            .Bind(builder.Configuration.GetSection(ErpBridgeOptions.SectionName))
            .ValidateDataAnnotations()
            .ValidateOnStart();
        builder.AddUnsClient(ClientName);

        string DataPath(ErpBridgeOptions o) =>
            Path.IsPathRooted(o.OutboxPath) ? o.OutboxPath : Path.Combine(builder.Environment.ContentRootPath, o.OutboxPath);
        builder.Services.AddSingleton(sp => new OutboxStore(DataPath(sp.GetRequiredService<IOptions<ErpBridgeOptions>>().Value)));
        builder.Services.AddSingleton(sp => new SyncStateStore(DataPath(sp.GetRequiredService<IOptions<ErpBridgeOptions>>().Value)));
        builder.Services.AddSingleton<OutboxSignal>();
        builder.Services.AddSingleton<ErpDeadLetters>();
        builder.Services.AddSingleton<ErpBridgeMetrics>();
        builder.Services.AddSingleton(sp => new DeliveryPipeline(
            sp.GetRequiredService<IOptions<ErpBridgeOptions>>().Value.Delivery,
            sp.GetRequiredService<TimeProvider>(),
            sp.GetRequiredService<ILoggerFactory>().CreateLogger<DeliveryPipeline>()));

        builder.Services.AddHttpClient(ClientName, (sp, http) =>
        {
            var rest = sp.GetRequiredService<IOptions<ErpBridgeOptions>>().Value.Rest;
            http.BaseAddress = new Uri(rest.BaseUrl.EndsWith('/') ? rest.BaseUrl : rest.BaseUrl + "/");
            http.Timeout = Timeout.InfiniteTimeSpan; // the delivery pipeline owns the per-attempt timeout
        });
        builder.Services.AddSingleton(CreateAdapter);

        builder.Services.AddHostedService<OutboxIntakeService>();
        builder.Services.AddHostedService<OutboxDeliveryService>();
        builder.Services.AddHostedService<WorkOrderSyncService>();
        builder.Services.AddHostedService<StatusPublisher>();
        return builder;
    }

    public static WebApplication MapErpBridge(this WebApplication app)
    {
        app.MapOutboxApi();
        return app;
    }

    private static IErpAdapter CreateAdapter(IServiceProvider sp)
    {
        var options = sp.GetRequiredService<IOptions<ErpBridgeOptions>>().Value;
        var time = sp.GetRequiredService<TimeProvider>();
        return options.Adapter switch
        {
            ErpAdapterKind.Tryton => new TrytonErpAdapter(
                sp.GetRequiredService<IHttpClientFactory>().CreateClient(ClientName + "-tryton"), options.Tryton),
            ErpAdapterKind.Dapr => DaprErpAdapterFactory.Create(options.Dapr, time),
            _ => new RestErpAdapter(
                sp.GetRequiredService<IHttpClientFactory>().CreateClient(ClientName),
                "rest",
                options.Rest.ApiKey is { Length: > 0 } key ? _ => ValueTask.FromResult<string?>(key) : null),
        };
    }
}

using System.Globalization;
using Microsoft.Extensions.Options;
using UnsMes.ErpBridge.Adapters;
using UnsMes.ServiceDefaults.Uns;
using UnsMes.Uns.Payloads;
using UnsMes.Uns.Topics;

namespace UnsMes.ErpBridge.Outbox;

/// <summary>
/// Keeps <c>uns/v1/_status/erp-bridge</c> (retained) current: outbox depth, oldest pending age, parked records, the
/// circuit. Degraded while the ERP is unreachable or the oldest record waits longer than allowed.
/// </summary>
internal sealed class StatusPublisher(
    [FromKeyedServices(ErpBridgeRegistration.ClientName)] UnsClient client,
    OutboxStore store,
    DeliveryPipeline pipeline,
    IErpAdapter adapter,
    IOptions<ErpBridgeOptions> options,
    TimeProvider time) : BackgroundService
{
    private static readonly UnsTopic Topic = UnsTopic.Status(ErpBridgeRegistration.ClientName);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(TimeSpan.FromSeconds(options.Value.StatusIntervalSeconds), time);
        do
        {
            try
            {
                await client.PublishAsync(Topic, Build(), stoppingToken);
            }
            catch (UnsPublishRejectedException)
            {
                // The next round tries again; status is best effort.
            }
        }
        while (await timer.WaitForNextTickAsync(stoppingToken));
    }

    public ServiceStatusPayload Build()
    {
        var now = UnsTime.Now(time);
        var figures = store.Figures();
        var age = figures.OldestPendingAgeSeconds(now);
        var degraded = pipeline.Circuit != "closed" || age > options.Value.DegradedAfterSeconds;
        return new ServiceStatusPayload
        {
            V = UnsSchema.Version,
            Ts = now,
            Health = degraded ? ServiceHealth.Degraded : ServiceHealth.Healthy,
            Instance = client.ClientId,
            Detail = new Dictionary<string, string>
            {
                ["adapter"] = adapter.Name,
                ["outboxPending"] = figures.Pending.ToString(CultureInfo.InvariantCulture),
                ["oldestPendingAgeS"] = age.ToString("F1", CultureInfo.InvariantCulture),
                ["parked"] = figures.Parked.ToString(CultureInfo.InvariantCulture),
                ["delivered"] = figures.Delivered.ToString(CultureInfo.InvariantCulture),
                ["circuit"] = pipeline.Circuit,
            },
        };
    }
}

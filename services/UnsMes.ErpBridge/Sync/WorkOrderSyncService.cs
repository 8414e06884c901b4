using System.Text.Json;
using Microsoft.Extensions.Options;
using MQTTnet;
using MQTTnet.Protocol;
using UnsMes.ErpBridge.Adapters;
using UnsMes.ErpBridge.Contract;
using UnsMes.ServiceDefaults.Uns;
using UnsMes.Uns.Payloads;
using UnsMes.Uns.Topics;

namespace UnsMes.ErpBridge.Sync;

/// <summary>
/// Polls the ERP's feeds with their cursors: master data to retained <c>_master/{kind}/{id}</c>, released job orders
/// to retained <c>_workorder/{id}</c>. A changed quantity, BOM or routing raises the revision; a cancellation is
/// published as <c>cancelled</c> (or clears the retained order); a malformed order is dead-lettered with its reason
/// and never reaches the floor. A cursor is saved only after its page was published.
/// </summary>
internal sealed class WorkOrderSyncService(
    [FromKeyedServices(ErpBridgeRegistration.ClientName)] UnsClient client,
    IErpAdapter adapter,
    SyncStateStore state,
    ErpDeadLetters deadLetters,
    IOptions<ErpBridgeOptions> options,
    TimeProvider time,
    ILogger<WorkOrderSyncService> logger) : BackgroundService
{
    private const string OrderFeed = "job-orders";
    private const string MasterFeed = "master-data";

    private readonly IsaPath _site = IsaPath.SiteOf(options.Value.Enterprise, options.Value.Site);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(TimeSpan.FromSeconds(options.Value.PollIntervalSeconds), time);
        do
        {
            // Each feed on its own: master data that cannot be read must not hold back the orders.
            await TryAsync(ct => DrainAsync<MasterRecord>(MasterFeed, adapter.PullMasterDataAsync, PublishMasterAsync, ct), stoppingToken);
            await TryAsync(ct => DrainAsync<JobOrder>(OrderFeed, adapter.PullJobOrdersAsync, PublishOrderAsync, ct), stoppingToken);
        }
        while (await timer.WaitForNextTickAsync(stoppingToken));
    }

    private async Task TryAsync(Func<CancellationToken, Task> pull, CancellationToken stoppingToken)
    {
        try
        {
            await pull(stoppingToken);
        }
        catch (Exception ex) when (!stoppingToken.IsCancellationRequested)
        {
            // The ERP or the broker is away: the cursor was not moved, the next round asks again.
            ErpBridgeLog.PullFailed(logger, adapter.Name, ex.Message);
        }
    }

    private async Task DrainAsync<T>(
        string feed,
        Func<string?, int, CancellationToken, Task<ErpPage<T>>> pull,
        Func<T, CancellationToken, Task> publish,
        CancellationToken cancellationToken)
    {
        var cursor = state.Cursor(feed);
        while (true)
        {
            var page = await pull(cursor, options.Value.PageSize, cancellationToken);
            foreach (var item in page.Items)
            {
                await publish(item, cancellationToken);
            }

            if (page.NextCursor is not null && page.NextCursor != cursor)
            {
                cursor = page.NextCursor;
                state.SaveCursor(feed, cursor);
            }

            if (!page.More || page.Items.Count == 0)
            {
                return;
            }
        }
    }

    private async Task PublishMasterAsync(MasterRecord record, CancellationToken cancellationToken)
    {
        var problem = record.Kind is null || !MasterDataPayload.Kinds.Contains(record.Kind)
            ? $"$.kind: '{record.Kind}' is not one of {string.Join(", ", MasterDataPayload.Kinds)}"
            : UnsName.Problem(record.Id) is { } idProblem ? $"$.id: {idProblem}"
            : string.IsNullOrWhiteSpace(record.Name) ? "$.name: must not be blank"
            : null;
        if (problem is not null)
        {
            await deadLetters.PublishAsync($"malformed master-data record from the ERP: {problem}", $"erp/{MasterFeed}", JsonSerializer.Serialize(record, ErpJson.Options), cancellationToken);
            return;
        }

        await client.PublishAsync(UnsTopic.Master(_site, record.Kind!, record.Id!), new MasterDataPayload
        {
            V = UnsSchema.Version,
            Ts = UnsTime.Now(time),
            Name = record.Name!,
            Attributes = record.Attributes,
        }, cancellationToken);
    }

    private async Task PublishOrderAsync(JobOrder order, CancellationToken cancellationToken)
    {
        var (payload, problem) = JobOrderMapper.Map(order, _site, UnsTime.Now(time));
        if (payload is null)
        {
            var topic = UnsName.IsLegal(order.Id) ? UnsTopic.WorkOrder(_site, order.Id!).ToString() : $"erp/{OrderFeed}";
            await deadLetters.PublishAsync($"malformed job order from the ERP: {problem}", topic, JsonSerializer.Serialize(order, ErpJson.Options), cancellationToken);
            return;
        }

        var last = state.Published(payload.WorkOrderId);
        var fingerprint = JobOrderMapper.Fingerprint(payload);
        var status = order.Status!;
        if (last is not null && last.Fingerprint == fingerprint && last.Status == status)
        {
            return; // Seen as it is: nothing new for the floor.
        }

        if (last is null && payload.Status == WorkOrderStatus.Cancelled)
        {
            return; // Cancelled before the floor ever saw it.
        }

        var revision = last is null ? Math.Max(1, order.Revision)
            : last.Fingerprint == fingerprint ? last.Revision
            : Math.Max(last.Revision + 1, order.Revision);
        var topicOut = UnsTopic.WorkOrder(_site, payload.WorkOrderId);
        if (payload.Status == WorkOrderStatus.Cancelled && options.Value.ClearCancelledOrders)
        {
            // An empty retained message removes the order from the broker's retained state.
            await client.PublishAsync(
                new MqttApplicationMessageBuilder().WithTopic(topicOut).WithPayload([]).WithRetainFlag(true)
                    .WithQualityOfServiceLevel(MqttQualityOfServiceLevel.AtLeastOnce).Build(),
                cancellationToken);
        }
        else
        {
            await client.PublishAsync(topicOut, payload with { Revision = revision }, cancellationToken);
        }

        state.SavePublished(payload.WorkOrderId, new PublishedOrder(revision, fingerprint, status));
        ErpBridgeLog.WorkOrderPublished(logger, payload.WorkOrderId, revision, status);
    }
}

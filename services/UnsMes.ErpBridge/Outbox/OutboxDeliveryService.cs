using Polly.CircuitBreaker;
using UnsMes.ErpBridge.Adapters;
using UnsMes.Uns.Payloads;
using UnsMes.Uns.Topics;

namespace UnsMes.ErpBridge.Outbox;

/// <summary>
/// Drains the outbox oldest first. A booked record is marked delivered; a record the ERP refuses for good is parked
/// with the ERP's reason and dead-lettered; when the ERP cannot be reached even after the retries, the record stays
/// pending and the loop pauses before it tries again, for as long as the outage lasts.
/// </summary>
internal sealed class OutboxDeliveryService(
    OutboxStore store,
    OutboxSignal signal,
    IErpAdapter adapter,
    DeliveryPipeline pipeline,
    ErpDeadLetters deadLetters,
    ErpBridgeMetrics metrics,
    Microsoft.Extensions.Options.IOptions<ErpBridgeOptions> options,
    TimeProvider time,
    ILogger<OutboxDeliveryService> logger) : BackgroundService
{
    private static readonly TimeSpan IdleWait = TimeSpan.FromSeconds(1);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var figures = store.Figures();
        ErpBridgeLog.Started(logger, adapter.Name, options.Value.OutboxPath, figures.Pending, figures.Parked);
        var delivery = options.Value.Delivery;
        while (!stoppingToken.IsCancellationRequested)
        {
            var batch = store.NextPending(delivery.BatchSize);
            if (batch.Count == 0)
            {
                await signal.WaitAsync(IdleWait, stoppingToken);
                continue;
            }

            foreach (var record in batch)
            {
                if (!await DeliverAsync(record, stoppingToken))
                {
                    await Task.Delay(TimeSpan.FromMilliseconds(delivery.PauseAfterFailureMs), time, stoppingToken);
                    break;
                }
            }
        }
    }

    /// <summary>Delivers one record; false when the ERP could not be reached (the record stays pending).</summary>
    private async Task<bool> DeliverAsync(OutboxRecord record, CancellationToken stoppingToken)
    {
        Contract.JobResponse response;
        try
        {
            response = WriteBackMapper.ToJobResponse(record.Topic, record.Payload);
        }
        catch (Exception ex) when (ex is System.Text.Json.JsonException or FormatException or ArgumentException)
        {
            await ParkAsync(record, $"the stored record cannot be read: {ex.Message}", stoppingToken);
            return true;
        }

        try
        {
            var receipt = await pipeline.ExecuteAsync(record.MessageId, ct => adapter.WriteBackAsync(response, ct), stoppingToken);
            store.MarkDelivered(record.Seq, receipt.BookingId, UnsTime.Now(time));
            metrics.Delivered.Add(1);
            return true;
        }
        catch (ErpRejectedException ex)
        {
            await ParkAsync(record, ex.Code is null ? ex.Message : $"{ex.Message} ({ex.Code})", stoppingToken);
            return true;
        }
        catch (Exception ex) when (!stoppingToken.IsCancellationRequested && (ex is BrokenCircuitException || DeliveryPipeline.IsTransient(ex) || ex is OperationCanceledException))
        {
            store.NoteFailure(record.Seq, ex.Message);
            metrics.Failures.Add(1);
            ErpBridgeLog.DeliveryFailed(logger, record.MessageId, store.Figures().Pending, ex.Message);
            return false;
        }
    }

    private async Task ParkAsync(OutboxRecord record, string reason, CancellationToken cancellationToken)
    {
        store.Park(record.Seq, reason);
        metrics.Parked.Add(1);
        ErpBridgeLog.Parked(logger, record.MessageId, reason);
        var topic = UnsTopic.TryParse(record.Topic, out _, out _) ? record.Topic : "unknown";
        await deadLetters.PublishAsync($"ERP refused write-back {record.MessageId}: {reason}", topic, record.Payload, cancellationToken);
    }
}

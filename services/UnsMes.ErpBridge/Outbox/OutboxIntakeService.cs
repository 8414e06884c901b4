using UnsMes.ServiceDefaults.Uns;
using UnsMes.Uns.Payloads;
using UnsMes.Uns.Topics;
using UnsMes.Uns.Validation;

namespace UnsMes.ErpBridge.Outbox;

/// <summary>
/// Takes the write-back families from the namespace (QoS 1, persistent session) and stores each record in the
/// outbox before the handler returns, so the broker's message is acknowledged only once the record is on disk.
/// A message that breaks the contract is dead-lettered, never stored.
/// </summary>
internal sealed class OutboxIntakeService(
    [FromKeyedServices(ErpBridgeRegistration.ClientName)] UnsClient client,
    OutboxStore store,
    OutboxSignal signal,
    ErpDeadLetters deadLetters,
    TimeProvider time) : BackgroundService
{
    private readonly UnsPayloadValidator _validator = new(time, TimeSpan.FromDays(1));

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        foreach (var family in WriteBackMapper.Families)
        {
            foreach (var filter in UnsFilters.Family(family))
            {
                await client.SubscribeAsync(filter, UnsQos.AtLeastOnce, OnWriteBackAsync, stoppingToken);
            }
        }
    }

    private async Task OnWriteBackAsync(UnsMessage message, CancellationToken cancellationToken)
    {
        var verdict = _validator.Validate(message.Topic, message.Payload);
        if (!verdict.IsValid || verdict.Payload is null)
        {
            await deadLetters.PublishAsync(verdict.Problem ?? "empty write-back message", message.Topic, message.Payload, cancellationToken);
            return;
        }

        var json = System.Text.Encoding.UTF8.GetString(System.Buffers.BuffersExtensions.ToArray(message.Payload));
        if (store.TryAdd(WriteBackMapper.MessageId(verdict.Payload), message.Topic, json, UnsTime.Now(time)))
        {
            signal.Notify();
        }
    }
}

using System.Buffers;
using System.Text;
using UnsMes.ServiceDefaults.Uns;
using UnsMes.Uns.Payloads;
using UnsMes.Uns.Topics;

namespace UnsMes.ErpBridge;

/// <summary>Publishes what the bridge refuses (malformed orders from the ERP, records the ERP refused) on <c>uns/v1/_deadletter/erp-bridge</c>.</summary>
internal sealed class ErpDeadLetters([FromKeyedServices(ErpBridgeRegistration.ClientName)] UnsClient client, TimeProvider time, ILogger<ErpDeadLetters> logger)
{
    public static readonly UnsTopic Topic = UnsTopic.DeadLetter(ErpBridgeRegistration.ClientName);

    public Task PublishAsync(string reason, string originalTopic, string payload, CancellationToken cancellationToken) =>
        PublishAsync(reason, originalTopic, new ReadOnlySequence<byte>(Encoding.UTF8.GetBytes(payload)), cancellationToken);

    public async Task PublishAsync(string reason, string originalTopic, ReadOnlySequence<byte> payload, CancellationToken cancellationToken)
    {
        ErpBridgeLog.Refused(logger, originalTopic, reason);
        await client.PublishAsync(Topic, DeadLetterPayload.For(UnsTime.Now(time), reason, originalTopic, payload), cancellationToken);
    }
}

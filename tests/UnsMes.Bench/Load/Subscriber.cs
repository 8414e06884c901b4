using MQTTnet;
using MQTTnet.Protocol;

namespace UnsMes.Bench.Load;

/// <summary>A subscribing client that records every delivery (and its latency) in the scenario's log.</summary>
internal static class Subscriber
{
    public static async Task<IMqttClient> ConnectAsync(
        int port, string clientId, string filter, MqttQualityOfServiceLevel qos, IMessageShape shape, DeliveryLog log, CancellationToken cancellationToken)
    {
        var client = await BenchClient.ConnectAsync(port, clientId, cancellationToken);
        client.ApplicationMessageReceivedAsync += e =>
        {
            log.Record(shape.SentAt(e.ApplicationMessage.Topic, e.ApplicationMessage.Payload));
            return Task.CompletedTask;
        };

        var result = await client.SubscribeAsync(new MqttClientSubscribeOptionsBuilder().WithTopicFilter(filter, qos).Build(), cancellationToken);
        var code = result.Items.Single().ResultCode;
        if (code > MqttClientSubscribeResultCode.GrantedQoS2)
        {
            await BenchClient.CloseAsync(client);
            throw new InvalidOperationException($"subscription to {filter} refused: {code}");
        }

        return client;
    }
}

using System.Net;
using MQTTnet;
using MQTTnet.Formatter;

namespace UnsMes.Bench.Load;

/// <summary>One MQTT 5 connection of the load generator; the same options against every broker.</summary>
internal static class BenchClient
{
    private static readonly MqttClientFactory Factory = new();

    public static async Task<IMqttClient> ConnectAsync(int port, string clientId, CancellationToken cancellationToken)
    {
        var client = Factory.CreateMqttClient();
        var options = new MqttClientOptionsBuilder()
            .WithEndPoint(new IPEndPoint(IPAddress.Loopback, port))
            .WithTcpServer(tcp => tcp.StreamProvider = OsSizedSocketStream.Instance) // after the endpoint, which replaces the TCP options
            .WithClientId(clientId)
            .WithCleanStart()
            .WithProtocolVersion(MqttProtocolVersion.V500)
            .WithTimeout(TimeSpan.FromSeconds(30))
            .WithKeepAlivePeriod(TimeSpan.FromSeconds(60))
            .Build();
        try
        {
            await client.ConnectAsync(options, cancellationToken);
            return client;
        }
        catch
        {
            client.Dispose();
            throw;
        }
    }

    public static async Task CloseAsync(IMqttClient client)
    {
        try
        {
            if (client.IsConnected)
            {
                using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(5));
                await client.DisconnectAsync(new MqttClientDisconnectOptions(), timeout.Token);
            }
        }
        catch (Exception ex) when (ex is MQTTnet.Exceptions.MqttCommunicationException or OperationCanceledException)
        {
            // The scenario is over; a connection that is already gone needs no goodbye.
        }
        finally
        {
            client.Dispose();
        }
    }
}

using System.Net;
using System.Security.Cryptography.X509Certificates;
using MQTTnet.Adapter;
using MQTTnet.Diagnostics.Logger;
using MQTTnet.Formatter;
using MQTTnet.Packets;
using MQTTnet.Server;

namespace UnsMes.Broker.Transport;

/// <summary>
/// Wraps a listener for what the broker does at the connection. A client whose CONNECT carries no client id gets one,
/// whatever its protocol version.
/// MQTTnet assigns ids to MQTT 5 clients only, and refuses MQTT 3.1.1 clients without one, although MQTT 3.1.1
/// (3.1.3-6) lets a server assign an id to a clean-session client, and common clients (mosquitto_pub) rely on it.
/// It also hands the few packets the broker rewrites (SUBSCRIBE, UNSUBSCRIBE, CONNACK) to <paramref name="rewriters"/>.
/// </summary>
internal sealed class BrokerConnectionAdapter(IMqttServerAdapter inner, IReadOnlyList<IPacketRewriter> rewriters) : IMqttServerAdapter
{
    public const string AssignedPrefix = "auto-";

    private Func<IMqttChannelAdapter, Task>? _clientHandler;

    public Func<IMqttChannelAdapter, Task>? ClientHandler
    {
        get => _clientHandler;
        set
        {
            _clientHandler = value;
            inner.ClientHandler = value is null ? null : channel => value(new Channel(channel, rewriters));
        }
    }

    public Task StartAsync(MqttServerOptions options, IMqttNetLogger logger) => inner.StartAsync(options, logger);

    public Task StopAsync() => inner.StopAsync();

    public void Dispose() => inner.Dispose();

    private sealed class Channel(IMqttChannelAdapter inner, IReadOnlyList<IPacketRewriter> rewriters) : IMqttChannelAdapter
    {
        private bool _connectSeen;
        private string _clientId = "";

        public long BytesReceived => inner.BytesReceived;
        public long BytesSent => inner.BytesSent;
        public X509Certificate2 ClientCertificate => inner.ClientCertificate;
        public EndPoint RemoteEndPoint => inner.RemoteEndPoint;
        public EndPoint LocalEndPoint => inner.LocalEndPoint;
        public bool IsSecureConnection => inner.IsSecureConnection;
        public MqttPacketFormatterAdapter PacketFormatterAdapter => inner.PacketFormatterAdapter;

        public Task ConnectAsync(CancellationToken cancellationToken) => inner.ConnectAsync(cancellationToken);

        public Task DisconnectAsync(CancellationToken cancellationToken) => inner.DisconnectAsync(cancellationToken);

        public async Task<MqttPacket> ReceivePacketAsync(CancellationToken cancellationToken)
        {
            var packet = await inner.ReceivePacketAsync(cancellationToken);
            if (!_connectSeen && packet is MqttConnectPacket connect)
            {
                _connectSeen = true;
                if (string.IsNullOrEmpty(connect.ClientId) && connect.CleanSession)
                {
                    connect.ClientId = $"{AssignedPrefix}{Guid.NewGuid():N}";
                }

                _clientId = connect.ClientId ?? "";
            }
            else if (packet is MqttSubscribePacket or MqttUnsubscribePacket)
            {
                foreach (var rewriter in rewriters)
                {
                    rewriter.Inbound(_clientId, packet);
                }
            }

            return packet;
        }

        public void ResetStatistics() => inner.ResetStatistics();

        public Task SendPacketAsync(MqttPacket packet, CancellationToken cancellationToken)
        {
            if (packet is MqttConnAckPacket connAck)
            {
                if (!string.IsNullOrEmpty(connAck.AssignedClientIdentifier))
                {
                    _clientId = connAck.AssignedClientIdentifier; // an MQTT 5 client the server named
                }

                foreach (var rewriter in rewriters)
                {
                    rewriter.Outbound(connAck);
                }
            }

            return inner.SendPacketAsync(packet, cancellationToken);
        }

        public void Dispose() => inner.Dispose();
    }
}

using MQTTnet.Packets;

namespace UnsMes.Broker.Transport;

/// <summary>
/// Sees the few control packets the broker changes or learns from, at the connection. MQTTnet's own packet interception
/// would do the same, but once it has any handler it allocates event arguments and runs the handlers for every packet of
/// every connection, which cost the broker more per message than most of its real work.
/// </summary>
internal interface IPacketRewriter
{
    /// <summary>A SUBSCRIBE or UNSUBSCRIBE from <paramref name="clientId"/>, before the server acts on it.</summary>
    void Inbound(string clientId, MqttPacket packet);

    /// <summary>A CONNACK, before it is sent.</summary>
    void Outbound(MqttConnAckPacket connAck)
    {
    }
}

using System.Net;
using System.Net.Sockets;
using MQTTnet.Channel;

namespace UnsMes.ServiceDefaults.Uns;

/// <summary>
/// Opens the UNS client's TCP connections: Nagle off, generous socket buffers, reads and writes batched by
/// <see cref="BufferedSocketStream"/>. TLS, when configured, is layered on top by MQTTnet.
/// </summary>
public sealed class BufferedSocketStreamProvider(int socketBufferBytes) : IMqttClientStreamProvider
{
    /// <summary>With 1 MiB socket buffers (MQTTnet's own 8 KiB stall a busy connection on loopback).</summary>
    public static readonly BufferedSocketStreamProvider Instance = new(1024 * 1024);

    public async Task<Stream> ConnectAsync(EndPoint brokerEndPoint, CancellationToken cancellationToken)
    {
        // A host name (DnsEndPoint) has no address family yet: a dual-mode socket reaches IPv4 and IPv6 alike.
        var socket = brokerEndPoint.AddressFamily == AddressFamily.Unspecified
            ? new Socket(SocketType.Stream, ProtocolType.Tcp)
            : new Socket(brokerEndPoint.AddressFamily, SocketType.Stream, ProtocolType.Tcp);
        socket.NoDelay = true;
        socket.SendBufferSize = socketBufferBytes;
        socket.ReceiveBufferSize = socketBufferBytes;
        try
        {
            await socket.ConnectAsync(brokerEndPoint, cancellationToken);
            return new BufferedSocketStream(socket);
        }
        catch
        {
            socket.Dispose();
            throw;
        }
    }
}

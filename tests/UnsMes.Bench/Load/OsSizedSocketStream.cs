using System.Net;
using System.Net.Sockets;
using MQTTnet.Channel;

namespace UnsMes.Bench.Load;

/// <summary>
/// The generator's TCP connections, with Nagle off and buffer sizes left to the operating system, as the brokers
/// and libmosquitto leave them. MQTTnet's client would pin both socket buffers at 8 KiB, which on loopback (64 KiB
/// segments) makes a busy subscriber's receive window reopen only on the sender's persist timer: multi-second
/// stalls with both processes idle, which measure the client's socket settings rather than the broker.
/// </summary>
internal sealed class OsSizedSocketStream : IMqttClientStreamProvider
{
    public static readonly OsSizedSocketStream Instance = new();

    public async Task<Stream> ConnectAsync(EndPoint remoteEndPoint, CancellationToken cancellationToken)
    {
        var socket = new Socket(remoteEndPoint.AddressFamily, SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
        try
        {
            await socket.ConnectAsync(remoteEndPoint, cancellationToken);
            return new NetworkStream(socket, ownsSocket: true);
        }
        catch
        {
            socket.Dispose();
            throw;
        }
    }
}

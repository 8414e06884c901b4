using System.Net;
using System.Net.Sockets;
using MQTTnet.Channel;

namespace UnsMes.KafkaFanout.Forwarding;

/// <summary>Connects the ingest connections' sockets (Nagle off, large buffers) and wraps them in a <see cref="BatchingSocketStream"/>.</summary>
internal sealed class BatchingSocketStreamProvider : IMqttClientStreamProvider
{
    private const int SocketBufferBytes = 1024 * 1024;

    public static readonly BatchingSocketStreamProvider Instance = new();

    public async Task<Stream> ConnectAsync(EndPoint brokerEndPoint, CancellationToken cancellationToken)
    {
        var socket = brokerEndPoint is IPEndPoint ip
            ? new Socket(ip.AddressFamily, SocketType.Stream, ProtocolType.Tcp)
            : new Socket(SocketType.Stream, ProtocolType.Tcp);
        try
        {
            socket.NoDelay = true;
            socket.ReceiveBufferSize = SocketBufferBytes;
            socket.SendBufferSize = SocketBufferBytes;
            await socket.ConnectAsync(brokerEndPoint, cancellationToken);
            return new BatchingSocketStream(socket);
        }
        catch
        {
            socket.Dispose();
            throw;
        }
    }
}

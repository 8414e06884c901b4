using System.Net;
using System.Net.Sockets;
using UnsMes.ServiceDefaults.Uns;

namespace UnsMes.Broker.Tests;

/// <summary>The UNS client's socket stream against a plain loopback socket: batching, order, close and failure.</summary>
public sealed class BufferedSocketStreamTests
{
    [Test]
    public async Task Write_ManySmallPacketsInABurst_ArriveInOrderInFewerSends()
    {
        var (client, server) = await ConnectedPairAsync();
        using var peer = server;
        var stream = new BufferedSocketStream(client);
        var expected = new List<byte>();
        for (var i = 0; i < 2_000; i++)
        {
            // A PUBACK's size: 4 bytes.
            byte[] packet = [0x40, 0x02, (byte)(i >> 8), (byte)i];
            expected.AddRange(packet);
            await stream.WriteAsync(packet);
        }

        await stream.FlushAsync();
        var sends = stream.Sends;
        await stream.DisposeAsync();
        var received = await ReadToEndAsync(peer);

        Assert.Multiple(() =>
        {
            Assert.That(received, Is.EqualTo(expected));
            Assert.That(sends, Is.LessThan(1_000), "writes queued while a send is under way leave together");
        });
    }

    [Test]
    public async Task Dispose_WithPacketsQueued_SendsThemBeforeClosing()
    {
        var (client, server) = await ConnectedPairAsync();
        using var peer = server;
        var stream = new BufferedSocketStream(client);
        var payload = Enumerable.Range(0, 300_000).Select(i => (byte)i).ToArray();

        await stream.WriteAsync(payload);
        await stream.WriteAsync(new byte[] { 0xE0, 0x00 });
        stream.Dispose();

        Assert.That(await ReadToEndAsync(peer), Is.EqualTo(payload.Concat(new byte[] { 0xE0, 0x00 })));
    }

    [Test]
    public async Task Read_SmallReads_AreServedFromOneReceiveInOrder()
    {
        var (client, server) = await ConnectedPairAsync();
        using var peer = server;
        using var stream = new BufferedSocketStream(client);
        var sent = Enumerable.Range(0, 100_000).Select(i => (byte)(i * 7)).ToArray();
        await peer.SendAsync(sent);
        peer.Shutdown(SocketShutdown.Send);

        var received = new List<byte>();
        var buffer = new byte[3];
        int read;
        while ((read = await stream.ReadAsync(buffer)) > 0)
        {
            received.AddRange(buffer.AsSpan(0, read).ToArray());
        }

        Assert.That(received, Is.EqualTo(sent));
    }

    [Test]
    public async Task Write_AfterThePeerClosed_FailsWithAnIOException()
    {
        var (client, server) = await ConnectedPairAsync();
        using var stream = new BufferedSocketStream(client);
        server.LingerState = new LingerOption(true, 0);
        server.Dispose();

        // The first writes may still be queued before a send sees the reset; a later one must fail.
        Assert.That(async () =>
        {
            for (var i = 0; i < 1_000; i++)
            {
                await stream.WriteAsync(new byte[1024]);
                await Task.Delay(1);
            }
        }, Throws.InstanceOf<IOException>());
    }

    private static async Task<(Socket Client, Socket Server)> ConnectedPairAsync()
    {
        using var listener = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
        listener.Bind(new IPEndPoint(IPAddress.Loopback, 0));
        listener.Listen();
        var client = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
        var accepting = listener.AcceptAsync();
        await client.ConnectAsync(listener.LocalEndPoint!);
        return (client, await accepting);
    }

    private static async Task<List<byte>> ReadToEndAsync(Socket socket)
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(10));
        var received = new List<byte>();
        var buffer = new byte[64 * 1024];
        int read;
        while ((read = await socket.ReceiveAsync(buffer, SocketFlags.None, timeout.Token)) > 0)
        {
            received.AddRange(buffer.AsSpan(0, read).ToArray());
        }

        return received;
    }
}

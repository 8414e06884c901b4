using System.Buffers.Binary;
using System.Net;
using System.Net.Sockets;

namespace UnsMes.EdgePublisher.Tests.Modbus;

/// <summary>
/// A hand-driven Modbus TCP peer on loopback that answers each request with whatever the test returns, to show
/// how the client treats answers no correct device sends. A null answer means silence.
/// </summary>
public sealed class ScriptedModbusDevice : IAsyncDisposable
{
    private readonly TcpListener _listener = new(IPAddress.Loopback, 0);
    private readonly Func<int, byte[], byte[]?> _answer;
    private readonly bool _closeAfterEachAnswer;
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _accepting;
    private int _requests;
    private int _connections;

    /// <param name="answer">Gets the request's number (from 1) and its whole frame; returns the whole response frame.</param>
    public ScriptedModbusDevice(Func<int, byte[], byte[]?> answer, bool closeAfterEachAnswer = false)
    {
        _answer = answer;
        _closeAfterEachAnswer = closeAfterEachAnswer;
        _listener.Start();
        _accepting = AcceptAsync();
    }

    public int Port => ((IPEndPoint)_listener.LocalEndpoint).Port;

    public int Connections => Volatile.Read(ref _connections);

    /// <summary>A response frame to <paramref name="request"/>: its header (fields overridable) around <paramref name="pdu"/>.</summary>
    public static byte[] Response(byte[] request, byte[] pdu, int transactionIdDelta = 0, byte? unitId = null, ushort protocolId = 0)
    {
        var frame = new byte[7 + pdu.Length];
        BinaryPrimitives.WriteUInt16BigEndian(frame, (ushort)(BinaryPrimitives.ReadUInt16BigEndian(request) + transactionIdDelta));
        BinaryPrimitives.WriteUInt16BigEndian(frame.AsSpan(2), protocolId);
        BinaryPrimitives.WriteUInt16BigEndian(frame.AsSpan(4), (ushort)(pdu.Length + 1));
        frame[6] = unitId ?? request[6];
        pdu.CopyTo(frame.AsSpan(7));
        return frame;
    }

    private async Task AcceptAsync()
    {
        try
        {
            while (true)
            {
                var connection = await _listener.AcceptTcpClientAsync(_stop.Token);
                Interlocked.Increment(ref _connections);
                _ = ServeAsync(connection);
            }
        }
        catch (OperationCanceledException)
        {
            // Disposed.
        }
    }

    private async Task ServeAsync(TcpClient connection)
    {
        using (connection)
        {
            var stream = connection.GetStream();
            var header = new byte[7];
            try
            {
                while (true)
                {
                    await stream.ReadExactlyAsync(header, _stop.Token);
                    var frame = new byte[6 + BinaryPrimitives.ReadUInt16BigEndian(header.AsSpan(4))];
                    header.CopyTo(frame, 0);
                    await stream.ReadExactlyAsync(frame.AsMemory(7), _stop.Token);
                    if (_answer(Interlocked.Increment(ref _requests), frame) is { } response)
                    {
                        await stream.WriteAsync(response, _stop.Token);
                    }

                    if (_closeAfterEachAnswer)
                    {
                        return;
                    }
                }
            }
            catch (Exception ex) when (ex is EndOfStreamException or IOException or OperationCanceledException)
            {
                // The client went away, or the test is over.
            }
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        _listener.Stop();
        await _accepting;
        _stop.Dispose();
    }
}

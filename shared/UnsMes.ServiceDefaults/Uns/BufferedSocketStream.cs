using System.Buffers;
using System.IO.Pipelines;
using System.Net;
using System.Net.Sockets;
using MQTTnet.Channel;

namespace UnsMes.ServiceDefaults.Uns;

/// <summary>
/// A TCP stream that batches system calls both ways: reads are served from a buffer filled by one receive, and
/// writes go through a pipe drained by one send loop, so that packets written while a send is in progress leave
/// together in the next one.
/// </summary>
/// <remarks>
/// MQTTnet's client reads every packet in two or more small reads (the fixed header, then the rest) and writes every
/// packet with its own send (a publish with a payload even with two); with Nagle off each is a system call and each
/// send a TCP segment. At tens of thousands of publishes or acknowledgements a second the kernel's per-call work
/// costs more than the MQTT. Here a lone packet still leaves at once (the send loop is idle, so nothing waits),
/// while a burst goes out in as few calls as the socket takes, and a burst that arrived is read in one. The pipe's
/// pause threshold is the backpressure: a writer waits once that much is unsent. Hand-written: the pipelined
/// socket library served here closes the socket on dispose without waiting for bytes still queued, which would lose
/// a clean DISCONNECT (and have the broker publish the client's will).
/// </remarks>
public sealed class BufferedSocketStream : Stream, IMqttClientStreamEndPoints
{
    private const int LargestSend = 256 * 1024;
    private const int ReadBufferBytes = 64 * 1024;
    private static readonly TimeSpan DrainOnClose = TimeSpan.FromSeconds(2);

    private readonly Socket _socket;
    private readonly NetworkStream _network;
    private readonly Pipe _outgoing = new(new PipeOptions(
        pauseWriterThreshold: 4 * 1024 * 1024, resumeWriterThreshold: 2 * 1024 * 1024, useSynchronizationContext: false));
    private readonly Task _sending;
    private readonly byte[] _readBuffer = new byte[ReadBufferBytes];
    private int _readStart;
    private int _readEnd;
    private Exception? _sendFailure;
    private int _disposed;

    private long _sends;

    public BufferedSocketStream(Socket socket)
    {
        _socket = socket;
        LocalEndPoint = socket.LocalEndPoint!;
        RemoteEndPoint = socket.RemoteEndPoint!;
        _network = new NetworkStream(socket, ownsSocket: false);
        _sending = Task.Run(SendLoopAsync);
    }

    /// <summary>The socket's ends, for MQTTnet's logs and client status.</summary>
    public EndPoint LocalEndPoint { get; }

    public EndPoint RemoteEndPoint { get; }

    /// <summary>System calls that sent written bytes (each carrying one or more packets).</summary>
    public long Sends => Interlocked.Read(ref _sends);

    public override bool CanRead => true;

    public override bool CanWrite => true;

    public override bool CanSeek => false;

    public override long Length => throw new NotSupportedException();

    public override long Position
    {
        get => throw new NotSupportedException();
        set => throw new NotSupportedException();
    }

    public override async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default)
    {
        if (_readStart == _readEnd)
        {
            if (buffer.Length >= _readBuffer.Length)
            {
                return await _network.ReadAsync(buffer, cancellationToken);
            }

            _readStart = 0;
            _readEnd = await _network.ReadAsync(_readBuffer, cancellationToken);
        }

        var count = Math.Min(buffer.Length, _readEnd - _readStart);
        _readBuffer.AsSpan(_readStart, count).CopyTo(buffer.Span);
        _readStart += count;
        return count;
    }

    public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
        ReadAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

    public override int Read(byte[] buffer, int offset, int count) =>
        ReadAsync(buffer.AsMemory(offset, count)).AsTask().GetAwaiter().GetResult();

    public override async ValueTask WriteAsync(ReadOnlyMemory<byte> buffer, CancellationToken cancellationToken = default)
    {
        var result = await _outgoing.Writer.WriteAsync(buffer, cancellationToken);
        if (result.IsCompleted)
        {
            throw new IOException("The connection is closed.", _sendFailure);
        }
    }

    public override Task WriteAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
        WriteAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

    public override void Write(byte[] buffer, int offset, int count) =>
        WriteAsync(buffer.AsMemory(offset, count)).AsTask().GetAwaiter().GetResult();

    /// <summary>Nothing to do: whatever is written is sent as soon as the socket takes it.</summary>
    public override void Flush()
    {
    }

    public override Task FlushAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

    public override void SetLength(long value) => throw new NotSupportedException();

    protected override void Dispose(bool disposing)
    {
        if (disposing && Interlocked.Exchange(ref _disposed, 1) == 0)
        {
            // What was written before the close (a DISCONNECT, say) still goes out, unless the peer is gone.
            _outgoing.Writer.Complete();
            _sending.Wait(DrainOnClose);
            _network.Dispose();
            _socket.Dispose();
        }

        base.Dispose(disposing);
    }

    public override async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref _disposed, 1) == 0)
        {
            await _outgoing.Writer.CompleteAsync();
            await _sending.WaitAsync(DrainOnClose).ContinueWith(_ => { }, TaskScheduler.Default);
            await _network.DisposeAsync();
            _socket.Dispose();
        }

        await base.DisposeAsync();
    }

    private async Task SendLoopAsync()
    {
        var reader = _outgoing.Reader;
        try
        {
            while (true)
            {
                var result = await reader.ReadAsync();
                var pending = result.Buffer;
                while (!pending.IsEmpty)
                {
                    var sent = await SendAsync(pending);
                    pending = pending.Slice(sent);
                }

                reader.AdvanceTo(result.Buffer.End);
                if (result.IsCompleted)
                {
                    break;
                }
            }

            await reader.CompleteAsync();
        }
        catch (Exception ex)
        {
            // The writer sees the pipe completed and reports the connection closed; the reader sees the socket shut.
            _sendFailure = ex;
            await reader.CompleteAsync(ex);
            try
            {
                _socket.Shutdown(SocketShutdown.Both);
            }
            catch (Exception shutdownFailure) when (shutdownFailure is SocketException or ObjectDisposedException)
            {
                // Already closed.
            }
        }
    }

    /// <summary>Sends the start of <paramref name="pending"/> in one call; returns how many bytes left.</summary>
    private async ValueTask<long> SendAsync(ReadOnlySequence<byte> pending)
    {
        Interlocked.Increment(ref _sends);
        if (pending.IsSingleSegment)
        {
            await _network.WriteAsync(pending.First);
            return pending.Length;
        }

        // Several pipe segments: copy them into one buffer so that they leave in a single system call.
        var length = (int)Math.Min(pending.Length, LargestSend);
        var buffer = ArrayPool<byte>.Shared.Rent(length);
        try
        {
            pending.Slice(0, length).CopyTo(buffer);
            await _network.WriteAsync(buffer.AsMemory(0, length));
            return length;
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }
}

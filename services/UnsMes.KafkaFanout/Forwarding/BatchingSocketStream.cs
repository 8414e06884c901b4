using System.Net;
using System.Net.Sockets;
using MQTTnet.Channel;

namespace UnsMes.KafkaFanout.Forwarding;

/// <summary>
/// The ingest connection's TCP stream. MQTTnet's client writes every packet on its own (one system call per
/// acknowledgement) and reads each packet's fixed header and body separately (two more per message). Here reads are
/// served from a 64 KiB buffer, and writes are queued in order and handed to the socket by one background send at a
/// time: the acknowledgements queued while a send is under way leave together in the next one. A write returns once
/// queued (the client's acknowledgement means "on its way", as with the socket's own buffer); a failed send fails the
/// next write and shuts the socket, so the client sees the connection lost. Closing sends what is queued first.
/// </summary>
internal sealed class BatchingSocketStream : Stream, IMqttClientStreamEndPoints
{
    private const int ReadBufferSize = 64 * 1024;
    private const int InitialWriteBufferSize = 16 * 1024;

    /// <summary>Queued bytes beyond which writers wait for the socket (the broker not reading must not grow memory).</summary>
    private const int MaxQueuedBytes = 1024 * 1024;

    private static readonly TimeSpan CloseFlushTimeout = TimeSpan.FromSeconds(2);

    private readonly Socket _socket;
    private readonly byte[] _readBuffer = new byte[ReadBufferSize];
    private int _readStart;
    private int _readEnd;

    private readonly Lock _lock = new();
    private byte[] _queued = new byte[InitialWriteBufferSize];
    private int _queuedLength;
    private byte[] _spare = new byte[InitialWriteBufferSize];
    private bool _sending;
    private Exception? _failure;
    private TaskCompletionSource? _drained;
    private int _disposed;
    private bool _closed;

    public BatchingSocketStream(Socket socket)
    {
        _socket = socket;
        LocalEndPoint = socket.LocalEndPoint!;
        RemoteEndPoint = socket.RemoteEndPoint!;
    }

    public EndPoint LocalEndPoint { get; }

    public EndPoint RemoteEndPoint { get; }

    /// <summary>System calls that sent queued bytes (each carrying one or more packets).</summary>
    public long Sends { get; private set; }

    public override bool CanRead => true;

    public override bool CanSeek => false;

    public override bool CanWrite => true;

    public override long Length => throw new NotSupportedException();

    public override long Position
    {
        get => throw new NotSupportedException();
        set => throw new NotSupportedException();
    }

    public override ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default)
    {
        if (_readStart < _readEnd)
        {
            return new ValueTask<int>(CopyBuffered(buffer.Span));
        }

        return FillAndReadAsync(buffer, cancellationToken);
    }

    public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
        ReadAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

    public override int Read(byte[] buffer, int offset, int count) => Read(buffer.AsSpan(offset, count));

    public override int Read(Span<byte> buffer)
    {
        if (_readStart == _readEnd)
        {
            var received = Receive(() => _socket.Receive(_readBuffer));
            if (received == 0)
            {
                return 0;
            }

            (_readStart, _readEnd) = (0, received);
        }

        return CopyBuffered(buffer);
    }

    public override ValueTask WriteAsync(ReadOnlyMemory<byte> buffer, CancellationToken cancellationToken = default)
    {
        Task full;
        lock (_lock)
        {
            ObjectDisposedException.ThrowIf(_closed, this);
            ThrowIfFailed();
            if (_queuedLength < MaxQueuedBytes)
            {
                Enqueue(buffer.Span);
                return ValueTask.CompletedTask;
            }

            full = WhenDrained();
        }

        return WaitAndWriteAsync(full, buffer, cancellationToken);
    }

    public override Task WriteAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
        WriteAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

    public override void Write(byte[] buffer, int offset, int count) => WriteAsync(buffer.AsMemory(offset, count)).AsTask().GetAwaiter().GetResult();

    /// <summary>Waits until everything queued so far went to the socket.</summary>
    public override Task FlushAsync(CancellationToken cancellationToken)
    {
        lock (_lock)
        {
            ThrowIfFailed();
            return _sending ? WhenDrained().WaitAsync(cancellationToken) : Task.CompletedTask;
        }
    }

    public override void Flush() => FlushAsync(CancellationToken.None).GetAwaiter().GetResult();

    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

    public override void SetLength(long value) => throw new NotSupportedException();

    protected override void Dispose(bool disposing)
    {
        if (disposing && Interlocked.Exchange(ref _disposed, 1) == 0)
        {
            try
            {
                // A DISCONNECT and the last acknowledgements are queued, not sent yet: they go out before the close.
                FlushAsync(CancellationToken.None).Wait(CloseFlushTimeout);
            }
            catch (Exception ex) when (ex is AggregateException or IOException)
            {
            }

            lock (_lock)
            {
                _closed = true;
            }

            Shut();
            _socket.Dispose();
        }

        base.Dispose(disposing);
    }

    private int CopyBuffered(Span<byte> destination)
    {
        var count = Math.Min(destination.Length, _readEnd - _readStart);
        _readBuffer.AsSpan(_readStart, count).CopyTo(destination);
        _readStart += count;
        return count;
    }

    private async ValueTask<int> FillAndReadAsync(Memory<byte> buffer, CancellationToken cancellationToken)
    {
        try
        {
            if (buffer.Length >= ReadBufferSize)
            {
                return await _socket.ReceiveAsync(buffer, SocketFlags.None, cancellationToken).ConfigureAwait(false);
            }

            var received = await _socket.ReceiveAsync(_readBuffer.AsMemory(), SocketFlags.None, cancellationToken).ConfigureAwait(false);
            if (received == 0)
            {
                return 0;
            }

            (_readStart, _readEnd) = (0, received);
            return CopyBuffered(buffer.Span);
        }
        catch (SocketException ex)
        {
            // As NetworkStream reports it, so the client's own error handling applies unchanged.
            throw new IOException(ex.Message, ex);
        }
    }

    private static int Receive(Func<int> receive)
    {
        try
        {
            return receive();
        }
        catch (SocketException ex)
        {
            throw new IOException(ex.Message, ex);
        }
    }

    private async ValueTask WaitAndWriteAsync(Task drained, ReadOnlyMemory<byte> buffer, CancellationToken cancellationToken)
    {
        await drained.WaitAsync(cancellationToken).ConfigureAwait(false);
        await WriteAsync(buffer, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Appends to the queue (under the lock) and starts a send unless one is under way.</summary>
    private void Enqueue(ReadOnlySpan<byte> data)
    {
        if (_queuedLength + data.Length > _queued.Length)
        {
            var larger = new byte[Math.Max(_queued.Length * 2, _queuedLength + data.Length)];
            _queued.AsSpan(0, _queuedLength).CopyTo(larger);
            _queued = larger;
        }

        data.CopyTo(_queued.AsSpan(_queuedLength));
        _queuedLength += data.Length;
        if (!_sending)
        {
            _sending = true;
            // On another thread, so that the writer goes on queueing while this send is in the kernel.
            ThreadPool.UnsafeQueueUserWorkItem(static stream => _ = stream.SendQueuedAsync(), this, preferLocal: false);
        }
    }

    private async Task SendQueuedAsync()
    {
        while (true)
        {
            byte[] batch;
            int length;
            lock (_lock)
            {
                if (_queuedLength == 0 || _failure is not null)
                {
                    _sending = false;
                    ReleaseWaiters();
                    return;
                }

                (batch, length) = (_queued, _queuedLength);
                (_queued, _queuedLength) = (_spare, 0);
                // A buffer that had to grow under a burst is not kept.
                if (_queued.Length > MaxQueuedBytes * 2)
                {
                    _queued = new byte[InitialWriteBufferSize];
                }
            }

            try
            {
                var sent = 0;
                while (sent < length)
                {
                    sent += await _socket.SendAsync(batch.AsMemory(sent, length - sent), SocketFlags.None).ConfigureAwait(false);
                }

                Sends++;
            }
            catch (Exception ex) when (ex is SocketException or ObjectDisposedException)
            {
                lock (_lock)
                {
                    _failure = ex;
                    _sending = false;
                    ReleaseWaiters();
                }

                // The reader sees the connection end, and the client reconnects; what was not sent is not acknowledged.
                Shut();
                return;
            }

            _spare = batch;
        }
    }

    /// <summary>Wakes flushes and writers waiting for the queue to empty (under the lock); writers look again.</summary>
    private void ReleaseWaiters()
    {
        var drained = _drained;
        _drained = null;
        drained?.TrySetResult();
    }

    private Task WhenDrained() => (_drained ??= new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously)).Task;

    private void ThrowIfFailed()
    {
        if (_failure is not null)
        {
            throw new IOException($"the connection failed: {_failure.Message}", _failure);
        }
    }

    private void Shut()
    {
        try
        {
            _socket.Shutdown(SocketShutdown.Both);
        }
        catch (Exception ex) when (ex is SocketException or ObjectDisposedException)
        {
        }
    }
}

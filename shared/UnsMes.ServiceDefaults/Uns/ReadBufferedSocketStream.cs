using System.Net;
using System.Net.Sockets;
using MQTTnet.Channel;

namespace UnsMes.ServiceDefaults.Uns;

/// <summary>
/// The client's TCP connection with its reads buffered. MQTTnet reads every packet from the socket in pieces (the
/// fixed header, then the body), which costs two or three receive calls per message; a busy subscriber then spends
/// more time in the kernel than on its messages. Reads here take whatever the socket holds, up to the buffer, and
/// serve the pieces from memory. Writes go straight to the socket (MQTTnet writes each packet whole), so nothing
/// waits in a buffer.
/// </summary>
internal sealed class ReadBufferedSocketStream : Stream
{
    private readonly NetworkStream _inner;
    private readonly byte[] _buffer;
    private int _start;
    private int _end;

    public ReadBufferedSocketStream(NetworkStream inner, int bufferBytes)
    {
        _inner = inner;
        _buffer = new byte[bufferBytes];
    }

    public override bool CanRead => true;
    public override bool CanSeek => false;
    public override bool CanWrite => true;
    public override long Length => throw new NotSupportedException();

    public override long Position
    {
        get => throw new NotSupportedException();
        set => throw new NotSupportedException();
    }

    /// <summary>Connects like MQTTnet's own channel (Nagle off, the given socket buffers), reads buffered.</summary>
    public static IMqttClientStreamProvider Provider(int socketBufferBytes, int readBufferBytes) => new StreamProvider(socketBufferBytes, readBufferBytes);

    public override async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default)
    {
        if (_start == _end)
        {
            if (buffer.Length >= _buffer.Length)
            {
                return await _inner.ReadAsync(buffer, cancellationToken).ConfigureAwait(false);
            }

            _start = 0;
            _end = await _inner.ReadAsync(_buffer, cancellationToken).ConfigureAwait(false);
            if (_end == 0)
            {
                return 0;
            }
        }

        return Take(buffer.Span);
    }

    public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
        ReadAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

    public override int Read(byte[] buffer, int offset, int count) => Read(buffer.AsSpan(offset, count));

    public override int Read(Span<byte> buffer)
    {
        if (_start == _end)
        {
            if (buffer.Length >= _buffer.Length)
            {
                return _inner.Read(buffer);
            }

            _start = 0;
            _end = _inner.Read(_buffer);
            if (_end == 0)
            {
                return 0;
            }
        }

        return Take(buffer);
    }

    public override ValueTask WriteAsync(ReadOnlyMemory<byte> buffer, CancellationToken cancellationToken = default) =>
        _inner.WriteAsync(buffer, cancellationToken);

    public override Task WriteAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
        _inner.WriteAsync(buffer, offset, count, cancellationToken);

    public override void Write(byte[] buffer, int offset, int count) => _inner.Write(buffer, offset, count);

    public override void Write(ReadOnlySpan<byte> buffer) => _inner.Write(buffer);

    public override void Flush() => _inner.Flush();

    public override Task FlushAsync(CancellationToken cancellationToken) => _inner.FlushAsync(cancellationToken);

    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

    public override void SetLength(long value) => throw new NotSupportedException();

    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            _inner.Dispose();
        }

        base.Dispose(disposing);
    }

    private int Take(Span<byte> destination)
    {
        var count = Math.Min(destination.Length, _end - _start);
        _buffer.AsSpan(_start, count).CopyTo(destination);
        _start += count;
        return count;
    }

    private sealed class StreamProvider(int socketBufferBytes, int readBufferBytes) : IMqttClientStreamProvider
    {
        public async Task<Stream> ConnectAsync(EndPoint remoteEndPoint, CancellationToken cancellationToken)
        {
            var socket = new Socket(SocketType.Stream, ProtocolType.Tcp)
            {
                NoDelay = true,
                ReceiveBufferSize = socketBufferBytes,
                SendBufferSize = socketBufferBytes,
            };
            try
            {
                await socket.ConnectAsync(remoteEndPoint, cancellationToken).ConfigureAwait(false);
                return new ReadBufferedSocketStream(new NetworkStream(socket, ownsSocket: true), readBufferBytes);
            }
            catch
            {
                socket.Dispose();
                throw;
            }
        }
    }
}

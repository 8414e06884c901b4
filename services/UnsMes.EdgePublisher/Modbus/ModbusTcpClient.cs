using System.Net.Sockets;
using Microsoft.Extensions.Logging.Abstractions;

namespace UnsMes.EdgePublisher.Modbus;

/// <summary>
/// A Modbus TCP client for one device: one TCP connection, one request in flight at a time (many devices
/// serve one request per connection and answer a second one late or never). The connection opens on the first
/// request and again on the next request after it broke, timed out or answered garbage. Dispose it once its
/// last request has completed.
/// </summary>
public sealed class ModbusTcpClient : IDisposable
{
    private readonly ModbusTcpClientOptions _options;
    private readonly TimeProvider _time;
    private readonly ILogger _logger;
    private readonly SemaphoreSlim _oneInFlight = new(1, 1);
    private TcpClient? _connection;
    private NetworkStream? _stream;
    private ushort _transactionId;
    private bool _disposed;

    public ModbusTcpClient(ModbusTcpClientOptions options, TimeProvider? time = null, ILogger? logger = null)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(options.Host);
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(options.Timeout, TimeSpan.Zero);
        _options = options;
        _time = time ?? TimeProvider.System;
        _logger = logger ?? NullLogger.Instance;
    }

    public string Endpoint => $"{_options.Host}:{_options.Port}";

    public bool IsConnected => _connection?.Connected == true;

    public Task<bool[]> ReadCoilsAsync(int address, int count, CancellationToken cancellationToken = default) =>
        ReadBitsAsync(ModbusFunctionCode.ReadCoils, address, count, cancellationToken);

    public Task<bool[]> ReadDiscreteInputsAsync(int address, int count, CancellationToken cancellationToken = default) =>
        ReadBitsAsync(ModbusFunctionCode.ReadDiscreteInputs, address, count, cancellationToken);

    public Task<ushort[]> ReadHoldingRegistersAsync(int address, int count, CancellationToken cancellationToken = default) =>
        ReadRegistersAsync(ModbusFunctionCode.ReadHoldingRegisters, address, count, cancellationToken);

    public Task<ushort[]> ReadInputRegistersAsync(int address, int count, CancellationToken cancellationToken = default) =>
        ReadRegistersAsync(ModbusFunctionCode.ReadInputRegisters, address, count, cancellationToken);

    public Task WriteSingleCoilAsync(int address, bool value, CancellationToken cancellationToken = default) =>
        WriteAsync(ModbusRequest.WriteSingleCoil(address, value), cancellationToken);

    public Task WriteSingleRegisterAsync(int address, ushort value, CancellationToken cancellationToken = default) =>
        WriteAsync(ModbusRequest.WriteSingleRegister(address, value), cancellationToken);

    public Task WriteMultipleRegistersAsync(int address, IReadOnlyList<ushort> values, CancellationToken cancellationToken = default) =>
        WriteAsync(ModbusRequest.WriteMultipleRegisters(address, [.. values]), cancellationToken);

    private Task<bool[]> ReadBitsAsync(ModbusFunctionCode function, int address, int count, CancellationToken cancellationToken) =>
        ExchangeAsync(ModbusRequest.Read(function, address, count), response => ModbusResponse.Bits(function, response, count), cancellationToken);

    private Task<ushort[]> ReadRegistersAsync(ModbusFunctionCode function, int address, int count, CancellationToken cancellationToken) =>
        ExchangeAsync(ModbusRequest.Read(function, address, count), response => ModbusResponse.Registers(function, response, count), cancellationToken);

    private Task<bool> WriteAsync(byte[] request, CancellationToken cancellationToken) =>
        ExchangeAsync(request, response =>
        {
            ModbusResponse.RequireWriteEcho(request, response);
            return true;
        }, cancellationToken);

    /// <summary>
    /// Sends one request PDU and reads its response through <paramref name="interpret"/>, which validates it (an
    /// exception response throws <see cref="ModbusException"/>) and takes the data out.
    /// </summary>
    private async Task<T> ExchangeAsync<T>(byte[] request, Func<byte[], T> interpret, CancellationToken cancellationToken)
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        await _oneInFlight.WaitAsync(cancellationToken);
        try
        {
            using var timeout = new CancellationTokenSource(_options.Timeout, _time);
            using var linked = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, timeout.Token);
            try
            {
                var reused = _stream is not null;
                try
                {
                    return interpret(await SendAndReceiveAsync(request, linked.Token));
                }
                catch (Exception ex) when (reused && IsBrokenConnection(ex))
                {
                    // A connection that sat idle may have been closed by the device (restart, idle timeout), which
                    // shows only once it is used. Modbus writes set absolute values, so asking again on a fresh
                    // connection is as safe for writes as for reads.
                    ModbusLog.ConnectionLost(_logger, Endpoint, ex.Message);
                    Disconnect();
                    return interpret(await SendAndReceiveAsync(request, linked.Token));
                }
            }
            catch (OperationCanceledException) when (timeout.IsCancellationRequested && !cancellationToken.IsCancellationRequested)
            {
                // A late answer would arrive in front of the next one; a fresh connection starts clean.
                Disconnect();
                throw new TimeoutException($"The Modbus device at {Endpoint} (unit {_options.UnitId}) did not answer {(ModbusFunctionCode)request[0]} within {_options.Timeout.TotalMilliseconds} ms.");
            }
            catch (Exception ex) when (ex is not ModbusException)
            {
                // The stream may hold part of a frame, or a device that answers garbage; only an exception response
                // leaves the connection known to be clean.
                Disconnect();
                throw;
            }
        }
        finally
        {
            _oneInFlight.Release();
        }
    }

    private async Task<byte[]> SendAndReceiveAsync(byte[] request, CancellationToken cancellationToken)
    {
        var stream = _stream ?? await ConnectAsync(cancellationToken);
        var transactionId = ++_transactionId;
        await stream.WriteAsync(ModbusMbapHeader.Frame(transactionId, _options.UnitId, request), cancellationToken);

        var headerBytes = new byte[ModbusLimits.MbapHeaderLength];
        await stream.ReadExactlyAsync(headerBytes, cancellationToken);
        var header = ModbusMbapHeader.Parse(headerBytes);
        var response = new byte[header.PduLength];
        await stream.ReadExactlyAsync(response, cancellationToken);

        if (header.TransactionId != transactionId)
        {
            throw new ModbusProtocolException($"The response carries transaction id {header.TransactionId}; the request had {transactionId}.");
        }

        if (header.UnitId != _options.UnitId)
        {
            throw new ModbusProtocolException($"The response comes from unit {header.UnitId}; the request was for unit {_options.UnitId}.");
        }

        return response;
    }

    private async Task<NetworkStream> ConnectAsync(CancellationToken cancellationToken)
    {
        // Requests and responses are a few bytes each; Nagle's algorithm would hold each request back.
        var connection = new TcpClient { NoDelay = true };
        try
        {
            await connection.ConnectAsync(_options.Host, _options.Port, cancellationToken);
        }
        catch
        {
            connection.Dispose();
            throw;
        }

        _connection = connection;
        _stream = connection.GetStream();
        ModbusLog.Connected(_logger, Endpoint, _options.UnitId);
        return _stream;
    }

    private static bool IsBrokenConnection(Exception ex) =>
        ex is SocketException || (ex is IOException && ex is not ModbusProtocolException);

    private void Disconnect()
    {
        _stream?.Dispose();
        _connection?.Dispose();
        _stream = null;
        _connection = null;
    }

    public void Dispose()
    {
        if (_disposed)
        {
            return;
        }

        _disposed = true;
        Disconnect();
        _oneInFlight.Dispose();
    }
}

using System.Net.Sockets;
using UnsMes.Uns.Payloads;
using UnsMes.Uns.Topics;

namespace UnsMes.EdgePublisher.Modbus;

/// <summary>
/// The poll loop of one device: read its blocks, decode its tags, hand changed values to the sink, and when the
/// device fails report its tags bad once and back off until it answers again.
/// </summary>
internal sealed class ModbusDevicePoller : IDisposable
{
    private readonly ModbusDeviceOptions _device;
    private readonly IsaPath _cell;
    private readonly ModbusTcpClient _client;
    private readonly IReadOnlyList<ModbusReadBlock> _blocks;
    private readonly Dictionary<ModbusTagOptions, ModbusTagState> _tags;
    private readonly IProcessValueSink _sink;
    private readonly TimeProvider _time;
    private readonly ILogger _logger;
    private readonly TimeSpan _interval;
    private readonly ModbusBackoff _backoff;
    private long _polls;
    private long _failedPolls;

    public ModbusDevicePoller(ModbusDeviceOptions device, TimeSpan maxBackoff, IProcessValueSink sink, TimeProvider time, ILogger logger)
    {
        _device = device;
        _cell = device.CellPath();
        _client = new ModbusTcpClient(device.ClientOptions(), time, logger);
        _blocks = ModbusReadPlanner.Plan(device.Tags);
        _tags = device.Tags.ToDictionary(t => t, t => new ModbusTagState(t.EffectiveDataType == ModbusDataType.Bool, t.Deadband));
        _sink = sink;
        _time = time;
        _logger = logger;
        _interval = TimeSpan.FromMilliseconds(device.PollIntervalMs);
        _backoff = new ModbusBackoff(_interval, maxBackoff);
    }

    public string Name => _device.Name;

    public IReadOnlyList<ModbusReadBlock> Blocks => _blocks;

    /// <summary>Polls attempted so far (for health reporting and tests).</summary>
    public long Polls => Interlocked.Read(ref _polls);

    public long FailedPolls => Interlocked.Read(ref _failedPolls);

    public async Task RunAsync(CancellationToken stoppingToken)
    {
        ModbusLog.Polling(_logger, Name, _client.Endpoint, _device.PollIntervalMs, _tags.Count, _blocks.Count, _cell);
        try
        {
            while (true)
            {
                TimeSpan wait;
                try
                {
                    wait = await PollAsync(stoppingToken);
                }
                catch (Exception ex) when (ex is not OperationCanceledException || !stoppingToken.IsCancellationRequested)
                {
                    // A defect in decoding or in the sink must not end this device's loop, let alone the others'.
                    ModbusLog.PollCrashed(_logger, ex, Name);
                    wait = await FailAsync(ex.Message, stoppingToken);
                }

                await Task.Delay(wait, _time, stoppingToken);
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // Stopping.
        }
    }

    /// <summary>One poll of every block; returns how long to wait before the next one.</summary>
    public async Task<TimeSpan> PollAsync(CancellationToken cancellationToken)
    {
        Interlocked.Increment(ref _polls);
        var started = _time.GetTimestamp();
        var readings = new List<(ModbusReadBlock Block, ModbusBlockReading Reading)>(_blocks.Count);
        try
        {
            foreach (var block in _blocks)
            {
                readings.Add((block, await block.ReadAsync(_client, cancellationToken)));
            }
        }
        catch (Exception ex) when (IsDeviceFailure(ex))
        {
            return await FailAsync(ex.Message, cancellationToken);
        }

        if (_backoff.Failures > 0)
        {
            ModbusLog.DeviceRecovered(_logger, Name, _backoff.Failures);
            _backoff.Reset();
        }

        var timestamp = _time.GetUtcNow().ToUnixTimeMilliseconds();
        foreach (var (block, reading) in readings)
        {
            foreach (var tag in block.Tags)
            {
                await HandOnAsync(tag, reading.ValueOf(tag), timestamp, cancellationToken);
            }
        }

        var rest = _interval - _time.GetElapsedTime(started);
        return rest > TimeSpan.Zero ? rest : TimeSpan.Zero;
    }

    private async Task HandOnAsync(ModbusTagOptions tag, ModbusValue value, long timestamp, CancellationToken cancellationToken)
    {
        var state = _tags[tag];
        if (!double.IsFinite(value.Number))
        {
            // A float register holding NaN or infinity means the device has no valid value; JSON cannot carry it either.
            if (state.AfterFailure() is { } fallback)
            {
                ModbusLog.NotANumber(_logger, Name, tag.Name, value.Number);
                await SendAsync(tag, state, fallback, Quality.Bad, timestamp, cancellationToken);
            }

            return;
        }

        if (state.AfterGoodRead(value) is { } changed)
        {
            await SendAsync(tag, state, changed, Quality.Good, timestamp, cancellationToken);
        }
    }

    private async Task<TimeSpan> FailAsync(string reason, CancellationToken cancellationToken)
    {
        Interlocked.Increment(ref _failedPolls);
        var retry = _backoff.NextDelay();
        if (_backoff.Failures == 1)
        {
            ModbusLog.DeviceFailed(_logger, Name, _client.Endpoint, reason, (long)retry.TotalMilliseconds);
        }
        else
        {
            ModbusLog.DeviceStillFailing(_logger, Name, _backoff.Failures, reason, (long)retry.TotalMilliseconds);
        }

        var timestamp = _time.GetUtcNow().ToUnixTimeMilliseconds();
        foreach (var (tag, state) in _tags)
        {
            if (state.AfterFailure() is { } last)
            {
                await SendAsync(tag, state, last, Quality.Bad, timestamp, cancellationToken);
            }
        }

        return retry;
    }

    private async Task SendAsync(ModbusTagOptions tag, ModbusTagState state, ModbusValue value, Quality quality, long timestamp, CancellationToken cancellationToken)
    {
        try
        {
            await _sink.WriteAsync(_cell, tag.Name, value.ToPayload(timestamp, tag.Unit, quality), cancellationToken);
            state.Sent(value, quality);
        }
        catch (Exception ex) when (ex is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            // The sink owns buffering; a value it refused is offered again on the next poll.
            ModbusLog.SinkFailed(_logger, ex, Name, tag.Name);
        }
    }

    /// <summary>The device is away, too slow, refusing, or answering garbage; anything else is a defect here.</summary>
    private static bool IsDeviceFailure(Exception ex) =>
        ex is ModbusException or TimeoutException or IOException or SocketException;

    public void Dispose() => _client.Dispose();
}

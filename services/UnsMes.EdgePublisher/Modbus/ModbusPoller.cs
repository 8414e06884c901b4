using Microsoft.Extensions.Options;

namespace UnsMes.EdgePublisher.Modbus;

/// <summary>
/// The Modbus TCP connector: one poll loop per configured device, each with its own connection, interval and
/// backoff, so a slow or dead device never holds up another.
/// </summary>
public sealed class ModbusPoller : BackgroundService
{
    private readonly List<ModbusDevicePoller> _devices;

    public ModbusPoller(IOptions<ModbusOptions> options, IProcessValueSink sink, TimeProvider time, ILogger<ModbusPoller> logger)
    {
        var settings = options.Value;
        var maxBackoff = TimeSpan.FromMilliseconds(settings.MaxBackoffMs);
        _devices = [.. settings.Devices.Select(device => new ModbusDevicePoller(device, maxBackoff, sink, time, logger))];
    }

    internal IReadOnlyList<ModbusDevicePoller> Devices => _devices;

    protected override Task ExecuteAsync(CancellationToken stoppingToken) =>
        Task.WhenAll(_devices.Select(device => device.RunAsync(stoppingToken)));

    public override void Dispose()
    {
        foreach (var device in _devices)
        {
            device.Dispose();
        }

        base.Dispose();
    }
}

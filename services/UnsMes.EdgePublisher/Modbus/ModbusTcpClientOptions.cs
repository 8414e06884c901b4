namespace UnsMes.EdgePublisher.Modbus;

/// <summary>Where one device is and how long to wait for it.</summary>
public sealed record ModbusTcpClientOptions
{
    public required string Host { get; init; }

    public int Port { get; init; } = 502;

    /// <summary>The unit id in every request: 1 for most devices, the device's id behind a gateway, 255 or 0 for some.</summary>
    public byte UnitId { get; init; } = 1;

    /// <summary>How long one request may take, connecting included, before it fails with a <see cref="TimeoutException"/>.</summary>
    public TimeSpan Timeout { get; init; } = TimeSpan.FromSeconds(1);
}

namespace UnsMes.EdgePublisher.Modbus;

/// <summary>One read request covering a run of contiguous addresses, and the tags that live in it.</summary>
public sealed record ModbusReadBlock(ModbusRegisterType RegisterType, int Start, int Count, IReadOnlyList<ModbusTagOptions> Tags)
{
    public int End => Start + Count;

    public async Task<ModbusBlockReading> ReadAsync(ModbusTcpClient client, CancellationToken cancellationToken) => RegisterType switch
    {
        ModbusRegisterType.Holding => ModbusBlockReading.OfRegisters(Start, await client.ReadHoldingRegistersAsync(Start, Count, cancellationToken)),
        ModbusRegisterType.Input => ModbusBlockReading.OfRegisters(Start, await client.ReadInputRegistersAsync(Start, Count, cancellationToken)),
        ModbusRegisterType.Coil => ModbusBlockReading.OfBits(Start, await client.ReadCoilsAsync(Start, Count, cancellationToken)),
        ModbusRegisterType.Discrete => ModbusBlockReading.OfBits(Start, await client.ReadDiscreteInputsAsync(Start, Count, cancellationToken)),
        _ => throw new InvalidOperationException($"Unknown register type {RegisterType}."),
    };

    public override string ToString() => $"{RegisterType} {Start}..{End - 1} ({Tags.Count} tags)";
}

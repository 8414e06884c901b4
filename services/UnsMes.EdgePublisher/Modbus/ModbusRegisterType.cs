namespace UnsMes.EdgePublisher.Modbus;

/// <summary>The four Modbus data tables, each with its own address space and read function.</summary>
public enum ModbusRegisterType
{
    /// <summary>Read/write 16-bit registers (function 03).</summary>
    Holding,
    /// <summary>Read-only 16-bit registers (function 04).</summary>
    Input,
    /// <summary>Read/write bits (function 01).</summary>
    Coil,
    /// <summary>Read-only bits (function 02).</summary>
    Discrete,
}

public static class ModbusRegisterTypeExtensions
{
    public static bool HoldsBits(this ModbusRegisterType type) => type is ModbusRegisterType.Coil or ModbusRegisterType.Discrete;

    /// <summary>The most items one read of this table may cover.</summary>
    public static int MaxReadCount(this ModbusRegisterType type) =>
        type.HoldsBits() ? ModbusLimits.MaxReadBits : ModbusLimits.MaxReadRegisters;
}

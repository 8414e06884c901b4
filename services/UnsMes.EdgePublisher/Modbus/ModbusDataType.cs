using System.Diagnostics.CodeAnalysis;

namespace UnsMes.EdgePublisher.Modbus;

/// <summary>How the registers of a tag are read as a value.</summary>
[SuppressMessage("Naming", "CA1720:Identifier contains type name", Justification = "These are the Modbus data type names people write in configuration.")]
public enum ModbusDataType
{
    Int16,
    UInt16,
    Int32,
    UInt32,
    Float32,
    Int64,
    Float64,
    /// <summary>A coil, a discrete input, or one bit of a register.</summary>
    Bool,
}

public static class ModbusDataTypeExtensions
{
    /// <summary>How many 16-bit registers a value of this type occupies (a bool: one register, or one bit of a bit table).</summary>
    public static int RegisterCount(this ModbusDataType type) => type switch
    {
        ModbusDataType.Int16 or ModbusDataType.UInt16 or ModbusDataType.Bool => 1,
        ModbusDataType.Int32 or ModbusDataType.UInt32 or ModbusDataType.Float32 => 2,
        ModbusDataType.Int64 or ModbusDataType.Float64 => 4,
        _ => throw new ArgumentOutOfRangeException(nameof(type), type, "Unknown Modbus data type."),
    };
}

using System.Buffers.Binary;

namespace UnsMes.EdgePublisher.Modbus;

/// <summary>Turns raw registers into numbers and bits, honouring the device's word and byte order.</summary>
public static class ModbusDecoder
{
    /// <summary>
    /// Decodes the first <see cref="ModbusDataTypeExtensions.RegisterCount"/> registers as <paramref name="type"/>.
    /// 64-bit integers beyond 2^53 lose their last digits as a double; process values that large are counters
    /// that are better read as two 32-bit tags.
    /// </summary>
    public static double ToNumber(ReadOnlySpan<ushort> registers, ModbusDataType type, ModbusWordOrder order = ModbusWordOrder.Abcd)
    {
        if (type == ModbusDataType.Bool)
        {
            throw new ArgumentException("A bool is read with ToBool, from a bit.", nameof(type));
        }

        Span<byte> bigEndian = stackalloc byte[8];
        var bytes = ToBigEndian(registers, type.RegisterCount(), order, bigEndian);
        return type switch
        {
            ModbusDataType.Int16 => BinaryPrimitives.ReadInt16BigEndian(bytes),
            ModbusDataType.UInt16 => BinaryPrimitives.ReadUInt16BigEndian(bytes),
            ModbusDataType.Int32 => BinaryPrimitives.ReadInt32BigEndian(bytes),
            ModbusDataType.UInt32 => BinaryPrimitives.ReadUInt32BigEndian(bytes),
            ModbusDataType.Float32 => BinaryPrimitives.ReadSingleBigEndian(bytes),
            ModbusDataType.Int64 => BinaryPrimitives.ReadInt64BigEndian(bytes),
            ModbusDataType.Float64 => BinaryPrimitives.ReadDoubleBigEndian(bytes),
            _ => throw new ArgumentOutOfRangeException(nameof(type), type, "Unknown Modbus data type."),
        };
    }

    /// <summary>Bit 0 is the least significant bit of the register, as devices document their status words.</summary>
    public static bool ToBool(ushort register, int bit)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(bit);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(bit, 15);
        return ((register >> bit) & 1) != 0;
    }

    /// <summary>Puts the value's bytes in big-endian order (A B C D ...) whatever order the device used.</summary>
    private static Span<byte> ToBigEndian(ReadOnlySpan<ushort> registers, int count, ModbusWordOrder order, Span<byte> buffer)
    {
        if (registers.Length < count)
        {
            throw new ArgumentException($"The value needs {count} registers; {registers.Length} were given.", nameof(registers));
        }

        for (var i = 0; i < count; i++)
        {
            var word = registers[order.LeastSignificantWordFirst() ? count - 1 - i : i];
            if (order.SwapsBytes())
            {
                word = BinaryPrimitives.ReverseEndianness(word);
            }

            BinaryPrimitives.WriteUInt16BigEndian(buffer[(i * 2)..], word);
        }

        return buffer[..(count * 2)];
    }
}

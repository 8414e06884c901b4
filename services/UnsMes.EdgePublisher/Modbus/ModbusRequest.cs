using System.Buffers.Binary;

namespace UnsMes.EdgePublisher.Modbus;

/// <summary>
/// Builds request PDUs (function code and data, no header) and refuses what the specification does not allow,
/// so a bad count fails here with a clear message instead of as an exception response from the device.
/// </summary>
internal static class ModbusRequest
{
    public static byte[] Read(ModbusFunctionCode function, int address, int count)
    {
        var max = function switch
        {
            ModbusFunctionCode.ReadCoils or ModbusFunctionCode.ReadDiscreteInputs => ModbusLimits.MaxReadBits,
            ModbusFunctionCode.ReadHoldingRegisters or ModbusFunctionCode.ReadInputRegisters => ModbusLimits.MaxReadRegisters,
            _ => throw new ArgumentOutOfRangeException(nameof(function), function, "Not a read function."),
        };
        RequireRange(address, count, max);
        return AddressAnd(function, address, (ushort)count);
    }

    public static byte[] WriteSingleCoil(int address, bool value)
    {
        RequireRange(address, 1, 1);
        // The specification encodes ON as 0xFF00 and OFF as 0x0000; any other value is illegal.
        return AddressAnd(ModbusFunctionCode.WriteSingleCoil, address, value ? (ushort)0xFF00 : (ushort)0x0000);
    }

    public static byte[] WriteSingleRegister(int address, ushort value)
    {
        RequireRange(address, 1, 1);
        return AddressAnd(ModbusFunctionCode.WriteSingleRegister, address, value);
    }

    public static byte[] WriteMultipleRegisters(int address, ReadOnlySpan<ushort> values)
    {
        RequireRange(address, values.Length, ModbusLimits.MaxWriteRegisters);
        var pdu = new byte[6 + (values.Length * 2)];
        pdu[0] = (byte)ModbusFunctionCode.WriteMultipleRegisters;
        BinaryPrimitives.WriteUInt16BigEndian(pdu.AsSpan(1), (ushort)address);
        BinaryPrimitives.WriteUInt16BigEndian(pdu.AsSpan(3), (ushort)values.Length);
        pdu[5] = (byte)(values.Length * 2);
        for (var i = 0; i < values.Length; i++)
        {
            BinaryPrimitives.WriteUInt16BigEndian(pdu.AsSpan(6 + (i * 2)), values[i]);
        }

        return pdu;
    }

    private static byte[] AddressAnd(ModbusFunctionCode function, int address, ushort value)
    {
        var pdu = new byte[5];
        pdu[0] = (byte)function;
        BinaryPrimitives.WriteUInt16BigEndian(pdu.AsSpan(1), (ushort)address);
        BinaryPrimitives.WriteUInt16BigEndian(pdu.AsSpan(3), value);
        return pdu;
    }

    private static void RequireRange(int address, int count, int maxCount)
    {
        if (count < 1 || count > maxCount)
        {
            throw new ArgumentOutOfRangeException(nameof(count), count, $"A request covers 1 to {maxCount} items.");
        }

        if (address < 0 || address + count > ModbusLimits.AddressSpace)
        {
            throw new ArgumentOutOfRangeException(nameof(address), address,
                $"Addresses {address}..{address + count - 1} do not fit the Modbus address space 0..{ModbusLimits.AddressSpace - 1}.");
        }
    }
}

using System.Buffers.Binary;

namespace UnsMes.EdgePublisher.Modbus;

/// <summary>Checks a response PDU against the request it answers and takes the data out of it.</summary>
internal static class ModbusResponse
{
    private const byte ExceptionFlag = 0x80;

    /// <summary>
    /// Throws <see cref="ModbusException"/> for an exception response and <see cref="ModbusProtocolException"/> for
    /// a response to some other function.
    /// </summary>
    public static void RequireAnswerTo(ModbusFunctionCode function, ReadOnlySpan<byte> pdu)
    {
        if (pdu.IsEmpty)
        {
            throw new ModbusProtocolException($"The response to {function} is empty.");
        }

        if (pdu[0] == ((byte)function | ExceptionFlag))
        {
            if (pdu.Length != 2)
            {
                throw new ModbusProtocolException($"An exception response has 2 bytes; this one to {function} has {pdu.Length}.");
            }

            throw new ModbusException(function, pdu[1]);
        }

        if (pdu[0] != (byte)function)
        {
            throw new ModbusProtocolException($"The device answered function 0x{pdu[0]:X2} to a request for {function} (0x{(byte)function:X2}).");
        }
    }

    public static ushort[] Registers(ModbusFunctionCode function, ReadOnlySpan<byte> pdu, int count)
    {
        var data = CountedData(function, pdu, count * 2);
        var registers = new ushort[count];
        for (var i = 0; i < count; i++)
        {
            registers[i] = BinaryPrimitives.ReadUInt16BigEndian(data[(i * 2)..]);
        }

        return registers;
    }

    /// <summary>Bits are packed eight to a byte, the first one in the lowest bit; unused high bits are padding.</summary>
    public static bool[] Bits(ModbusFunctionCode function, ReadOnlySpan<byte> pdu, int count)
    {
        var data = CountedData(function, pdu, (count + 7) / 8);
        var bits = new bool[count];
        for (var i = 0; i < count; i++)
        {
            bits[i] = (data[i / 8] & (1 << (i % 8))) != 0;
        }

        return bits;
    }

    /// <summary>Single writes (05, 06) answer with an echo of the request; multiple writes (16) echo address and count.</summary>
    public static void RequireWriteEcho(ReadOnlySpan<byte> request, ReadOnlySpan<byte> pdu)
    {
        var function = (ModbusFunctionCode)request[0];
        RequireAnswerTo(function, pdu);
        var echoed = function == ModbusFunctionCode.WriteMultipleRegisters ? request[..5] : request;
        if (!pdu.SequenceEqual(echoed))
        {
            throw new ModbusProtocolException($"The device's answer to {function} does not echo the request ({Convert.ToHexString(pdu)} for {Convert.ToHexString(echoed)}).");
        }
    }

    private static ReadOnlySpan<byte> CountedData(ModbusFunctionCode function, ReadOnlySpan<byte> pdu, int expectedBytes)
    {
        RequireAnswerTo(function, pdu);
        if (pdu.Length < 2 || pdu[1] != expectedBytes)
        {
            throw new ModbusProtocolException($"The answer to {function} carries {(pdu.Length < 2 ? 0 : pdu[1])} bytes; {expectedBytes} were asked for.");
        }

        if (pdu.Length != 2 + expectedBytes)
        {
            throw new ModbusProtocolException($"The answer to {function} announces {expectedBytes} bytes but the frame holds {pdu.Length - 2}.");
        }

        return pdu[2..];
    }
}

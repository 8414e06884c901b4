using System.Buffers.Binary;

namespace UnsMes.EdgePublisher.Modbus;

/// <summary>
/// The 7-byte header in front of every Modbus TCP PDU: transaction id (matches a response to its request),
/// protocol id (always 0 for Modbus), length (unit id plus PDU, in bytes) and unit id (the device behind a gateway).
/// </summary>
internal readonly record struct ModbusMbapHeader(ushort TransactionId, ushort ProtocolId, ushort Length, byte UnitId)
{
    /// <summary>The length field counts the unit id and the PDU; a PDU has at least a function code and one byte.</summary>
    private const int MinLength = 1 + 2;
    private const int MaxLength = 1 + ModbusLimits.MaxPduLength;

    public int PduLength => Length - 1;

    /// <summary>A complete request frame: header then PDU.</summary>
    public static byte[] Frame(ushort transactionId, byte unitId, ReadOnlySpan<byte> pdu)
    {
        if (pdu.IsEmpty || pdu.Length > ModbusLimits.MaxPduLength)
        {
            throw new ArgumentOutOfRangeException(nameof(pdu), pdu.Length, $"A Modbus PDU has 1 to {ModbusLimits.MaxPduLength} bytes.");
        }

        var frame = new byte[ModbusLimits.MbapHeaderLength + pdu.Length];
        BinaryPrimitives.WriteUInt16BigEndian(frame.AsSpan(0), transactionId);
        BinaryPrimitives.WriteUInt16BigEndian(frame.AsSpan(2), 0);
        BinaryPrimitives.WriteUInt16BigEndian(frame.AsSpan(4), (ushort)(pdu.Length + 1));
        frame[6] = unitId;
        pdu.CopyTo(frame.AsSpan(ModbusLimits.MbapHeaderLength));
        return frame;
    }

    /// <summary>Reads a received header and rejects one whose protocol id or length cannot be Modbus.</summary>
    public static ModbusMbapHeader Parse(ReadOnlySpan<byte> header)
    {
        if (header.Length != ModbusLimits.MbapHeaderLength)
        {
            throw new ArgumentException($"An MBAP header has {ModbusLimits.MbapHeaderLength} bytes, not {header.Length}.", nameof(header));
        }

        var parsed = new ModbusMbapHeader(
            BinaryPrimitives.ReadUInt16BigEndian(header),
            BinaryPrimitives.ReadUInt16BigEndian(header[2..]),
            BinaryPrimitives.ReadUInt16BigEndian(header[4..]),
            header[6]);
        if (parsed.ProtocolId != 0)
        {
            throw new ModbusProtocolException($"The response has protocol id {parsed.ProtocolId}; Modbus uses 0.");
        }

        if (parsed.Length is < MinLength or > MaxLength)
        {
            throw new ModbusProtocolException($"The response announces {parsed.Length} bytes after its header; Modbus allows {MinLength} to {MaxLength}.");
        }

        return parsed;
    }
}

namespace UnsMes.EdgePublisher.Modbus;

/// <summary>Sizes fixed by the Modbus specification (a PDU is at most 253 bytes, hence the odd-looking counts).</summary>
public static class ModbusLimits
{
    public const int MaxReadRegisters = 125;
    public const int MaxReadBits = 2000;
    public const int MaxWriteRegisters = 123;
    public const int MaxPduLength = 253;
    public const int AddressSpace = 65536;
    /// <summary>Transaction id, protocol id, length and unit id.</summary>
    public const int MbapHeaderLength = 7;
}

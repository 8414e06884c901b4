namespace UnsMes.EdgePublisher.Modbus;

/// <summary>A device answered with an exception response (function code | 0x80, then an exception code).</summary>
public sealed class ModbusException : Exception
{
    public ModbusException()
    {
    }

    public ModbusException(string message)
        : base(message)
    {
    }

    public ModbusException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    public ModbusException(ModbusFunctionCode function, byte code)
        : base($"The Modbus device refused {function} (0x{(byte)function:X2}) with exception 0x{code:X2} {NameOf(code)}.")
    {
        Function = function;
        Code = (ModbusExceptionCode)code;
    }

    public ModbusFunctionCode Function { get; }

    /// <summary>The exception code as sent; it may be one the specification does not name.</summary>
    public ModbusExceptionCode Code { get; }

    public string CodeName => NameOf((byte)Code);

    public static string NameOf(byte code) =>
        Enum.IsDefined((ModbusExceptionCode)code) ? ((ModbusExceptionCode)code).ToString() : "Unknown";
}

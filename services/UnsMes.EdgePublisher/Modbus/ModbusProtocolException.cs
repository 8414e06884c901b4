namespace UnsMes.EdgePublisher.Modbus;

/// <summary>
/// A response that breaks the framing rules (wrong transaction id, protocol id, function code or byte count).
/// It is an <see cref="IOException"/> because the byte stream can no longer be trusted: the client drops the
/// connection and the next request opens a fresh one.
/// </summary>
public sealed class ModbusProtocolException : IOException
{
    public ModbusProtocolException()
    {
    }

    public ModbusProtocolException(string message)
        : base(message)
    {
    }

    public ModbusProtocolException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}

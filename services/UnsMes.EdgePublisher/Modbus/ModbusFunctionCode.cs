namespace UnsMes.EdgePublisher.Modbus;

/// <summary>The Modbus function codes this client speaks (Modbus Application Protocol v1.1b3, section 6).</summary>
public enum ModbusFunctionCode : byte
{
    ReadCoils = 0x01,
    ReadDiscreteInputs = 0x02,
    ReadHoldingRegisters = 0x03,
    ReadInputRegisters = 0x04,
    WriteSingleCoil = 0x05,
    WriteSingleRegister = 0x06,
    WriteMultipleRegisters = 0x10,
}

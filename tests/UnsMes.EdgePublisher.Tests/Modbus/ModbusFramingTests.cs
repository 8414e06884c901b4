using UnsMes.EdgePublisher.Modbus;

namespace UnsMes.EdgePublisher.Tests.Modbus;

/// <summary>Request and response bytes, written out by hand from the Modbus specification's own examples.</summary>
public class ModbusFramingTests
{
    [Test]
    public void Frame_ReadHoldingRegisters_MatchesSpecificationExample()
    {
        // Specification 6.3: read registers 108..110 (address 0x006B, 3 registers) of unit 0x11.
        var pdu = ModbusRequest.Read(ModbusFunctionCode.ReadHoldingRegisters, 0x006B, 3);

        var frame = ModbusMbapHeader.Frame(0x0001, 0x11, pdu);

        Assert.That(frame, Is.EqualTo(new byte[] { 0x00, 0x01, 0x00, 0x00, 0x00, 0x06, 0x11, 0x03, 0x00, 0x6B, 0x00, 0x03 }));
    }

    [Test]
    public void Frame_TransactionIdAboveByte_WrittenBigEndian()
    {
        var frame = ModbusMbapHeader.Frame(0xABCD, 0xFF, [0x04, 0x00, 0x00, 0x00, 0x01]);

        Assert.That(frame[..7], Is.EqualTo(new byte[] { 0xAB, 0xCD, 0x00, 0x00, 0x00, 0x06, 0xFF }));
    }

    [Test]
    public void Request_ReadCoils_MatchesSpecificationExample()
    {
        // Specification 6.1: coils 20..38 are address 19 (0x13), 19 (0x13) coils.
        Assert.That(ModbusRequest.Read(ModbusFunctionCode.ReadCoils, 19, 19), Is.EqualTo(new byte[] { 0x01, 0x00, 0x13, 0x00, 0x13 }));
    }

    [Test]
    public void Request_WriteSingleCoilOn_EncodesFF00()
    {
        // Specification 6.5: coil 173 (address 0x00AC) ON.
        Assert.That(ModbusRequest.WriteSingleCoil(0x00AC, true), Is.EqualTo(new byte[] { 0x05, 0x00, 0xAC, 0xFF, 0x00 }));
        Assert.That(ModbusRequest.WriteSingleCoil(0x00AC, false), Is.EqualTo(new byte[] { 0x05, 0x00, 0xAC, 0x00, 0x00 }));
    }

    [Test]
    public void Request_WriteSingleRegister_MatchesSpecificationExample()
    {
        // Specification 6.6: register 2 (address 1) := 3.
        Assert.That(ModbusRequest.WriteSingleRegister(1, 3), Is.EqualTo(new byte[] { 0x06, 0x00, 0x01, 0x00, 0x03 }));
    }

    [Test]
    public void Request_WriteMultipleRegisters_MatchesSpecificationExample()
    {
        // Specification 6.12: registers 2 and 3 (address 1) := 0x000A, 0x0102.
        Assert.That(ModbusRequest.WriteMultipleRegisters(1, [0x000A, 0x0102]),
            Is.EqualTo(new byte[] { 0x10, 0x00, 0x01, 0x00, 0x02, 0x04, 0x00, 0x0A, 0x01, 0x02 }));
    }

    [TestCase(ModbusFunctionCode.ReadHoldingRegisters, 125)]
    [TestCase(ModbusFunctionCode.ReadInputRegisters, 125)]
    [TestCase(ModbusFunctionCode.ReadCoils, 2000)]
    [TestCase(ModbusFunctionCode.ReadDiscreteInputs, 2000)]
    public void Request_ReadAtLimit_AcceptedAndOneMoreRefused(ModbusFunctionCode function, int limit)
    {
        Assert.That(ModbusRequest.Read(function, 0, limit)[3..], Is.EqualTo(new[] { (byte)(limit >> 8), (byte)limit }));
        Assert.That(() => ModbusRequest.Read(function, 0, limit + 1), Throws.TypeOf<ArgumentOutOfRangeException>());
    }

    [Test]
    public void Request_ZeroCount_Refused() =>
        Assert.That(() => ModbusRequest.Read(ModbusFunctionCode.ReadHoldingRegisters, 0, 0), Throws.TypeOf<ArgumentOutOfRangeException>());

    [Test]
    public void Request_PastEndOfAddressSpace_Refused()
    {
        Assert.That(ModbusRequest.Read(ModbusFunctionCode.ReadHoldingRegisters, 65535, 1)[1..3], Is.EqualTo(new byte[] { 0xFF, 0xFF }));
        Assert.That(() => ModbusRequest.Read(ModbusFunctionCode.ReadHoldingRegisters, 65535, 2), Throws.TypeOf<ArgumentOutOfRangeException>());
        Assert.That(() => ModbusRequest.Read(ModbusFunctionCode.ReadCoils, -1, 1), Throws.TypeOf<ArgumentOutOfRangeException>());
    }

    [Test]
    public void Request_WriteMoreThan123Registers_Refused() =>
        Assert.That(() => ModbusRequest.WriteMultipleRegisters(0, new ushort[124]), Throws.TypeOf<ArgumentOutOfRangeException>());

    [Test]
    public void Response_ReadHoldingRegisters_MatchesSpecificationExample()
    {
        // Specification 6.3: registers 108..110 hold 0x022B (555), 0x0000, 0x0064 (100).
        byte[] pdu = [0x03, 0x06, 0x02, 0x2B, 0x00, 0x00, 0x00, 0x64];

        Assert.That(ModbusResponse.Registers(ModbusFunctionCode.ReadHoldingRegisters, pdu, 3), Is.EqualTo(new ushort[] { 0x022B, 0x0000, 0x0064 }));
    }

    [Test]
    public void Response_ReadCoils_UnpacksLowestBitFirst()
    {
        // Specification 6.1: coils 20..38 answered as CD 6B 05; 0xCD = 1100 1101, so coils 20..27 are 1 0 1 1 0 0 1 1.
        byte[] pdu = [0x01, 0x03, 0xCD, 0x6B, 0x05];

        var bits = ModbusResponse.Bits(ModbusFunctionCode.ReadCoils, pdu, 19);

        Assert.That(bits[..8], Is.EqualTo(new[] { true, false, true, true, false, false, true, true }));
        // 0x6B = 0110 1011 (coils 28..35); 0x05 = 0000 0101 (coils 36..38, the rest is padding).
        Assert.That(bits[8..], Is.EqualTo(new[] { true, true, false, true, false, true, true, false, true, false, true }));
    }

    [TestCase((byte)0x01, ModbusExceptionCode.IllegalFunction, "IllegalFunction")]
    [TestCase((byte)0x02, ModbusExceptionCode.IllegalDataAddress, "IllegalDataAddress")]
    [TestCase((byte)0x03, ModbusExceptionCode.IllegalDataValue, "IllegalDataValue")]
    [TestCase((byte)0x04, ModbusExceptionCode.ServerDeviceFailure, "ServerDeviceFailure")]
    [TestCase((byte)0x05, ModbusExceptionCode.Acknowledge, "Acknowledge")]
    [TestCase((byte)0x06, ModbusExceptionCode.ServerDeviceBusy, "ServerDeviceBusy")]
    [TestCase((byte)0x0A, ModbusExceptionCode.GatewayPathUnavailable, "GatewayPathUnavailable")]
    [TestCase((byte)0x0B, ModbusExceptionCode.GatewayTargetFailedToRespond, "GatewayTargetFailedToRespond")]
    public void Response_ExceptionResponse_ThrowsModbusExceptionWithCodeAndName(byte code, ModbusExceptionCode expected, string name)
    {
        byte[] pdu = [0x83, code];

        var ex = Assert.Throws<ModbusException>(() => ModbusResponse.Registers(ModbusFunctionCode.ReadHoldingRegisters, pdu, 1));

        Assert.Multiple(() =>
        {
            Assert.That(ex.Code, Is.EqualTo(expected));
            Assert.That(ex.CodeName, Is.EqualTo(name));
            Assert.That(ex.Function, Is.EqualTo(ModbusFunctionCode.ReadHoldingRegisters));
            Assert.That(ex.Message, Does.Contain(name).And.Contain("ReadHoldingRegisters"));
        });
    }

    [Test]
    public void Response_ExceptionCodeNotInSpecification_NamedUnknown()
    {
        var ex = Assert.Throws<ModbusException>(() => ModbusResponse.RequireAnswerTo(ModbusFunctionCode.ReadCoils, [0x81, 0x0C]));

        Assert.That(ex.CodeName, Is.EqualTo("Unknown"));
        Assert.That((byte)ex.Code, Is.EqualTo(0x0C));
    }

    [Test]
    public void Response_OtherFunction_ThrowsProtocolError() =>
        Assert.That(() => ModbusResponse.Registers(ModbusFunctionCode.ReadHoldingRegisters, [0x04, 0x02, 0x00, 0x01], 1),
            Throws.TypeOf<ModbusProtocolException>().With.Message.Contains("0x04"));

    [Test]
    public void Response_ByteCountNotWhatWasAsked_ThrowsProtocolError() =>
        Assert.That(() => ModbusResponse.Registers(ModbusFunctionCode.ReadHoldingRegisters, [0x03, 0x04, 0x00, 0x01, 0x00, 0x02], 3),
            Throws.TypeOf<ModbusProtocolException>());

    [Test]
    public void Response_ByteCountLongerThanFrame_ThrowsProtocolError() =>
        Assert.That(() => ModbusResponse.Registers(ModbusFunctionCode.ReadHoldingRegisters, [0x03, 0x04, 0x00, 0x01], 2),
            Throws.TypeOf<ModbusProtocolException>());

    [Test]
    public void Response_WriteEchoDiffers_ThrowsProtocolError()
    {
        var request = ModbusRequest.WriteSingleRegister(1, 3);

        Assert.That(() => ModbusResponse.RequireWriteEcho(request, [0x06, 0x00, 0x01, 0x00, 0x04]), Throws.TypeOf<ModbusProtocolException>());
        Assert.That(() => ModbusResponse.RequireWriteEcho(request, request), Throws.Nothing);
    }

    [Test]
    public void Response_WriteMultipleRegistersEcho_AddressAndCountAccepted()
    {
        var request = ModbusRequest.WriteMultipleRegisters(1, [0x000A, 0x0102]);

        Assert.That(() => ModbusResponse.RequireWriteEcho(request, [0x10, 0x00, 0x01, 0x00, 0x02]), Throws.Nothing);
    }

    [Test]
    public void Header_Parse_ReadsEveryField()
    {
        var header = ModbusMbapHeader.Parse([0x12, 0x34, 0x00, 0x00, 0x00, 0x09, 0x11]);

        Assert.That(header, Is.EqualTo(new ModbusMbapHeader(0x1234, 0, 9, 0x11)));
        Assert.That(header.PduLength, Is.EqualTo(8));
    }

    [Test]
    public void Header_ProtocolIdNotZero_ThrowsProtocolError() =>
        Assert.That(() => ModbusMbapHeader.Parse([0x00, 0x01, 0x00, 0x01, 0x00, 0x06, 0x01]), Throws.TypeOf<ModbusProtocolException>());

    [TestCase(0)]
    [TestCase(2)]
    [TestCase(255)]
    [TestCase(0x1000)]
    public void Header_LengthOutsideModbus_ThrowsProtocolError(int length) =>
        Assert.That(() => ModbusMbapHeader.Parse([0x00, 0x01, 0x00, 0x00, (byte)(length >> 8), (byte)length, 0x01]), Throws.TypeOf<ModbusProtocolException>());
}

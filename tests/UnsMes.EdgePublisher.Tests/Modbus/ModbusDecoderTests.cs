using UnsMes.EdgePublisher.Modbus;

namespace UnsMes.EdgePublisher.Tests.Modbus;

/// <summary>Register patterns worked out by hand (IEEE 754 and two's complement), in each of the four orders.</summary>
public class ModbusDecoderTests
{
    // 12.5 = 1.5625 * 2^3: sign 0, exponent 127 + 3 = 0x82, fraction .1001 -> 0 10000010 1001000... = 0x41480000.
    [TestCase(ModbusWordOrder.Abcd, (ushort)0x4148, (ushort)0x0000)]
    [TestCase(ModbusWordOrder.Cdab, (ushort)0x0000, (ushort)0x4148)]
    [TestCase(ModbusWordOrder.Badc, (ushort)0x4841, (ushort)0x0000)]
    [TestCase(ModbusWordOrder.Dcba, (ushort)0x0000, (ushort)0x4841)]
    public void ToNumber_Float32InEachOrder_Is12Point5(ModbusWordOrder order, ushort first, ushort second) =>
        Assert.That(ModbusDecoder.ToNumber([first, second], ModbusDataType.Float32, order), Is.EqualTo(12.5));

    // 123456789 = 0x075BCD15; -123456789 = ~0x075BCD15 + 1 = 0xF8A432EB.
    [TestCase(ModbusWordOrder.Abcd, (ushort)0xF8A4, (ushort)0x32EB)]
    [TestCase(ModbusWordOrder.Cdab, (ushort)0x32EB, (ushort)0xF8A4)]
    [TestCase(ModbusWordOrder.Badc, (ushort)0xA4F8, (ushort)0xEB32)]
    [TestCase(ModbusWordOrder.Dcba, (ushort)0xEB32, (ushort)0xA4F8)]
    public void ToNumber_Int32InEachOrder_IsMinus123456789(ModbusWordOrder order, ushort first, ushort second) =>
        Assert.That(ModbusDecoder.ToNumber([first, second], ModbusDataType.Int32, order), Is.EqualTo(-123456789));

    [Test]
    public void ToNumber_UInt32HighBitSet_StaysPositive() =>
        // 3000000000 = 0xB2D05E00, above int.MaxValue.
        Assert.That(ModbusDecoder.ToNumber([0xB2D0, 0x5E00], ModbusDataType.UInt32), Is.EqualTo(3_000_000_000d));

    [Test]
    public void ToNumber_Int16_IsSigned()
    {
        // -100 = 0x10000 - 100 = 0xFF9C.
        Assert.That(ModbusDecoder.ToNumber([0xFF9C], ModbusDataType.Int16), Is.EqualTo(-100));
        Assert.That(ModbusDecoder.ToNumber([0xFF9C], ModbusDataType.UInt16), Is.EqualTo(65436));
    }

    [TestCase(ModbusWordOrder.Abcd, 0xD431)]
    [TestCase(ModbusWordOrder.Cdab, 0xD431)]
    [TestCase(ModbusWordOrder.Badc, 0x31D4)]
    [TestCase(ModbusWordOrder.Dcba, 0x31D4)]
    public void ToNumber_UInt16_OnlyByteSwapApplies(ModbusWordOrder order, int expected) =>
        Assert.That(ModbusDecoder.ToNumber([0xD431], ModbusDataType.UInt16, order), Is.EqualTo(expected));

    // 0x0102030405060708 = 72623859790382856.
    [TestCase(ModbusWordOrder.Abcd, (ushort)0x0102, (ushort)0x0304, (ushort)0x0506, (ushort)0x0708)]
    [TestCase(ModbusWordOrder.Cdab, (ushort)0x0708, (ushort)0x0506, (ushort)0x0304, (ushort)0x0102)]
    [TestCase(ModbusWordOrder.Badc, (ushort)0x0201, (ushort)0x0403, (ushort)0x0605, (ushort)0x0807)]
    [TestCase(ModbusWordOrder.Dcba, (ushort)0x0807, (ushort)0x0605, (ushort)0x0403, (ushort)0x0201)]
    public void ToNumber_Int64InEachOrder_ReassemblesAllEightBytes(ModbusWordOrder order, ushort r0, ushort r1, ushort r2, ushort r3) =>
        Assert.That(ModbusDecoder.ToNumber([r0, r1, r2, r3], ModbusDataType.Int64, order), Is.EqualTo(72623859790382856d));

    [Test]
    public void ToNumber_NegativeInt64_IsSigned() =>
        // 2^64 - 9876543210 = 0xFFFFFFFDB34FE916.
        Assert.That(ModbusDecoder.ToNumber([0xFFFF, 0xFFFD, 0xB34F, 0xE916], ModbusDataType.Int64), Is.EqualTo(-9876543210d));

    [Test]
    public void ToNumber_Float64_IsMinus2Point5() =>
        // -2.5 = -1.25 * 2^1: sign 1, exponent 1023 + 1 = 0x400, fraction .01 -> 0xC004000000000000.
        Assert.That(ModbusDecoder.ToNumber([0xC004, 0x0000, 0x0000, 0x0000], ModbusDataType.Float64), Is.EqualTo(-2.5));

    [Test]
    public void ToNumber_ReadsOnlyTheRegistersOfItsType() =>
        Assert.That(ModbusDecoder.ToNumber([0x4148, 0x0000, 0xFFFF], ModbusDataType.Float32), Is.EqualTo(12.5));

    [Test]
    public void ToNumber_TooFewRegisters_Throws() =>
        Assert.That(() => ModbusDecoder.ToNumber([0x4148], ModbusDataType.Float32), Throws.ArgumentException);

    [Test]
    public void ToNumber_Bool_Throws() =>
        Assert.That(() => ModbusDecoder.ToNumber([1], ModbusDataType.Bool), Throws.ArgumentException);

    [TestCase(0, true)]
    [TestCase(1, false)]
    [TestCase(2, true)]
    [TestCase(15, false)]
    public void ToBool_BitOfRegister0x0005_ReadsLeastSignificantFirst(int bit, bool expected) =>
        Assert.That(ModbusDecoder.ToBool(0x0005, bit), Is.EqualTo(expected));

    [Test]
    public void ToBool_Bit15_IsTheHighBit() => Assert.That(ModbusDecoder.ToBool(0x8000, 15), Is.True);

    [Test]
    public void ToBool_Bit16_Throws() => Assert.That(() => ModbusDecoder.ToBool(0, 16), Throws.TypeOf<ArgumentOutOfRangeException>());

    [Test]
    public void ValueOf_ScaleAndOffset_AppliedToRawValue()
    {
        var tag = new ModbusTagOptions { Name = "temperature", Address = 11, DataType = ModbusDataType.Int16, Scale = 0.1, Offset = -10 };
        var reading = ModbusBlockReading.OfRegisters(10, [0x0000, 215]);

        // 215 * 0.1 - 10 = 11.5
        Assert.That(reading.ValueOf(tag).Number, Is.EqualTo(11.5).Within(1e-9));
    }

    [Test]
    public void ValueOf_BitOfRegister_IsBoolean()
    {
        var tag = new ModbusTagOptions { Name = "running", Address = 3, DataType = ModbusDataType.Bool, Bit = 2 };

        var value = ModbusBlockReading.OfRegisters(3, [0x0005]).ValueOf(tag);

        Assert.That(value, Is.EqualTo(ModbusValue.Of(true)));
    }

    [Test]
    public void ValueOf_CoilWithoutDataType_IsBooleanAtItsOffset()
    {
        var tag = new ModbusTagOptions { Name = "door", RegisterType = ModbusRegisterType.Coil, Address = 6 };

        var value = ModbusBlockReading.OfBits(4, [false, false, true]).ValueOf(tag);

        Assert.That(value, Is.EqualTo(ModbusValue.Of(true)));
    }
}

namespace UnsMes.EdgePublisher.Modbus;

/// <summary>What one block read returned, and each tag's value cut out of it.</summary>
public sealed class ModbusBlockReading
{
    private readonly int _start;
    private readonly ushort[] _registers;
    private readonly bool[] _bits;

    private ModbusBlockReading(int start, ushort[] registers, bool[] bits)
    {
        _start = start;
        _registers = registers;
        _bits = bits;
    }

    public static ModbusBlockReading OfRegisters(int start, ushort[] registers) => new(start, registers, []);

    public static ModbusBlockReading OfBits(int start, bool[] bits) => new(start, [], bits);

    /// <summary>The tag's value, scaled; the tag must lie inside the block that was read.</summary>
    public ModbusValue ValueOf(ModbusTagOptions tag)
    {
        var index = tag.Address - _start;
        if (tag.RegisterType.HoldsBits())
        {
            return ModbusValue.Of(_bits[index]);
        }

        var type = tag.EffectiveDataType;
        if (type == ModbusDataType.Bool)
        {
            return ModbusValue.Of(ModbusDecoder.ToBool(_registers[index], tag.Bit ?? 0));
        }

        var raw = ModbusDecoder.ToNumber(_registers.AsSpan(index, tag.Length), type, tag.WordOrder);
        return ModbusValue.Of((raw * tag.Scale) + tag.Offset);
    }
}

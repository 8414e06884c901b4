using UnsMes.EdgePublisher.Modbus;

namespace UnsMes.EdgePublisher.Tests.Modbus;

public class ModbusReadPlannerTests
{
    private static ModbusTagOptions Tag(int address, ModbusDataType type = ModbusDataType.UInt16, ModbusRegisterType table = ModbusRegisterType.Holding, int? bit = null) =>
        new() { Name = $"t{table}{address}{bit}", RegisterType = table, Address = address, DataType = type, Bit = bit };

    private static string[] Describe(IEnumerable<ModbusReadBlock> blocks) =>
        [.. blocks.Select(b => $"{b.RegisterType} {b.Start}+{b.Count}")];

    [Test]
    public void Plan_ContiguousTagsOfMixedSizes_OneRead()
    {
        var blocks = ModbusReadPlanner.Plan([Tag(4, ModbusDataType.Int32), Tag(0, ModbusDataType.Float32), Tag(6), Tag(2, ModbusDataType.Float32)]);

        Assert.That(Describe(blocks), Is.EqualTo(new[] { "Holding 0+7" }));
        Assert.That(blocks[0].Tags.Select(t => t.Address), Is.EqualTo(new[] { 0, 2, 4, 6 }));
    }

    [Test]
    public void Plan_GapBetweenTags_NeverReadAcross() =>
        Assert.That(Describe(ModbusReadPlanner.Plan([Tag(0), Tag(1), Tag(5, ModbusDataType.Float32)])), Is.EqualTo(new[] { "Holding 0+2", "Holding 5+2" }));

    [Test]
    public void Plan_BitsOfOneRegisterAndTheRegister_ShareOneRead()
    {
        var blocks = ModbusReadPlanner.Plan([Tag(8, ModbusDataType.Bool, bit: 0), Tag(8, ModbusDataType.Bool, bit: 2), Tag(8)]);

        Assert.That(Describe(blocks), Is.EqualTo(new[] { "Holding 8+1" }));
        Assert.That(blocks[0].Tags, Has.Count.EqualTo(3));
    }

    [Test]
    public void Plan_OverlappingTags_ShareOneRead() =>
        // A float64 over 10..13 and a uint16 view of register 12.
        Assert.That(Describe(ModbusReadPlanner.Plan([Tag(10, ModbusDataType.Float64), Tag(12)])), Is.EqualTo(new[] { "Holding 10+4" }));

    [Test]
    public void Plan_SameAddressInDifferentTables_SeparateReads() =>
        Assert.That(Describe(ModbusReadPlanner.Plan([
            Tag(0), Tag(0, table: ModbusRegisterType.Input),
            Tag(0, ModbusDataType.Bool, ModbusRegisterType.Coil), Tag(0, ModbusDataType.Bool, ModbusRegisterType.Discrete)])),
            Is.EqualTo(new[] { "Holding 0+1", "Input 0+1", "Coil 0+1", "Discrete 0+1" }));

    [Test]
    public void Plan_130ContiguousRegisters_SplitAt125()
    {
        var tags = Enumerable.Range(0, 130).Select(a => Tag(a));

        Assert.That(Describe(ModbusReadPlanner.Plan(tags)), Is.EqualTo(new[] { "Holding 0+125", "Holding 125+5" }));
    }

    [Test]
    public void Plan_ValueWouldCrossTheLimit_StartsANewReadWithTheWholeValue()
    {
        var tags = Enumerable.Range(0, 124).Select(a => Tag(a)).Append(Tag(124, ModbusDataType.Float32));

        Assert.That(Describe(ModbusReadPlanner.Plan(tags)), Is.EqualTo(new[] { "Holding 0+124", "Holding 124+2" }));
    }

    [Test]
    public void Plan_2001ContiguousCoils_SplitAt2000()
    {
        var tags = Enumerable.Range(0, 2001).Select(a => Tag(a, ModbusDataType.Bool, ModbusRegisterType.Coil));

        Assert.That(Describe(ModbusReadPlanner.Plan(tags)), Is.EqualTo(new[] { "Coil 0+2000", "Coil 2000+1" }));
    }

    [Test]
    public void Plan_NoTags_NoReads() => Assert.That(ModbusReadPlanner.Plan([]), Is.Empty);
}

using Microsoft.Extensions.Configuration;
using UnsMes.EdgePublisher.Modbus;
using UnsMes.Uns.Topics;

namespace UnsMes.EdgePublisher.Tests.Modbus;

public class ModbusOptionsValidatorTests
{
    private static ModbusOptions Valid() => new()
    {
        Devices =
        [
            new ModbusDeviceOptions
            {
                Name = "press01",
                Host = "10.0.0.5",
                Cell = "acme/plant1/stamping/line1/press01",
                Tags =
                [
                    new ModbusTagOptions { Name = "temperature", Address = 0, DataType = ModbusDataType.Float32, Unit = "degC" },
                    new ModbusTagOptions { Name = "running", Address = 8, DataType = ModbusDataType.Bool, Bit = 0 },
                    new ModbusTagOptions { Name = "door-open", RegisterType = ModbusRegisterType.Coil, Address = 3 },
                ],
            },
        ],
    };

    private static IEnumerable<string> Failures(ModbusOptions options) =>
        new ModbusOptionsValidator().Validate(null, options).Failures ?? [];

    private static ModbusDeviceOptions Device(ModbusOptions options) => options.Devices[0];

    private static ModbusTagOptions FirstTag(ModbusOptions options) => options.Devices[0].Tags[0];

    [Test]
    public void Validate_WellFormedConfiguration_Succeeds() =>
        Assert.That(new ModbusOptionsValidator().Validate(null, Valid()).Succeeded, Is.True, string.Join("; ", Failures(Valid())));

    [Test]
    public void Validate_NoDevices_Succeeds() =>
        Assert.That(new ModbusOptionsValidator().Validate(null, new ModbusOptions()).Succeeded, Is.True);

    [Test]
    public void Validate_DeviceNameWithSpace_Fails()
    {
        var options = Valid();
        Device(options).Name = "press 01";

        Assert.That(Failures(options), Has.Some.Contains("Devices:0:Name").And.Contains("space"));
    }

    [Test]
    public void Validate_TagNameWithSlash_Fails()
    {
        var options = Valid();
        FirstTag(options).Name = "oven/temp";

        Assert.That(Failures(options), Has.Some.Contains("Tags:0:Name").And.Contains("'/'"));
    }

    [TestCase("acme/plant1/stamping/line1")]
    [TestCase("acme/plant1/stamping/line1/press01/extra")]
    [TestCase("")]
    public void Validate_CellNotFiveLevels_Fails(string cell)
    {
        var options = Valid();
        Device(options).Cell = cell;

        Assert.That(Failures(options), Has.Some.Contains("Cell").And.Contains("enterprise/site/area/line/cell"));
    }

    [Test]
    public void Validate_CellLevelWithWildcard_FailsNamingTheLevel()
    {
        var options = Valid();
        Device(options).Cell = "acme/plant1/stamping/line#1/press01";

        Assert.That(Failures(options), Has.Some.Contains("(line)").And.Contains("'#'"));
    }

    [Test]
    public void Validate_CoilWithFloat32_Fails()
    {
        var options = Valid();
        Device(options).Tags[2].DataType = ModbusDataType.Float32;

        Assert.That(Failures(options), Has.Some.Contains("must be bool"));
    }

    [Test]
    public void Validate_BoolInRegisterWithoutBit_Fails()
    {
        var options = Valid();
        Device(options).Tags[1].Bit = null;

        Assert.That(Failures(options), Has.Some.Contains("needs Bit"));
    }

    [Test]
    public void Validate_Bit16_Fails()
    {
        var options = Valid();
        Device(options).Tags[1].Bit = 16;

        Assert.That(Failures(options), Has.Some.Contains("bits 0 to 15"));
    }

    [Test]
    public void Validate_BitOnANumber_Fails()
    {
        var options = Valid();
        FirstTag(options).Bit = 3;

        Assert.That(Failures(options), Has.Some.Contains("Bit is only for a bool"));
    }

    [TestCase(ModbusDataType.Float64, 65532, true)]
    [TestCase(ModbusDataType.Float64, 65533, false)]
    [TestCase(ModbusDataType.Int32, 65534, true)]
    [TestCase(ModbusDataType.Int32, 65535, false)]
    [TestCase(ModbusDataType.UInt16, 65535, true)]
    [TestCase(ModbusDataType.UInt16, -1, false)]
    public void Validate_AddressAndRegisterCount_MustFitAddressSpace(ModbusDataType type, int address, bool fits)
    {
        var options = Valid();
        FirstTag(options).DataType = type;
        FirstTag(options).Address = address;

        Assert.That(Failures(options).Any(f => f.Contains("address space", StringComparison.Ordinal)), Is.EqualTo(!fits), string.Join("; ", Failures(options)));
    }

    [Test]
    public void Validate_SameTagNameTwiceInOneCell_Fails()
    {
        var options = Valid();
        options.Devices.Add(new ModbusDeviceOptions
        {
            Name = "press01-io",
            Host = "10.0.0.6",
            Cell = Device(options).Cell,
            Tags = [new ModbusTagOptions { Name = "temperature", Address = 0 }],
        });

        Assert.That(Failures(options), Has.Some.Contains("tag 'temperature' appears 2 times"));
    }

    [Test]
    public void Validate_SameTagNameInOtherCell_Succeeds()
    {
        var options = Valid();
        options.Devices.Add(new ModbusDeviceOptions
        {
            Name = "press02",
            Host = "10.0.0.6",
            Cell = "acme/plant1/stamping/line1/press02",
            Tags = [new ModbusTagOptions { Name = "temperature", Address = 0 }],
        });

        Assert.That(Failures(options), Is.Empty);
    }

    [Test]
    public void Validate_DuplicateDeviceNames_Fails()
    {
        var options = Valid();
        options.Devices.Add(new ModbusDeviceOptions
        {
            Name = "press01",
            Host = "10.0.0.6",
            Cell = "acme/plant1/stamping/line1/press02",
            Tags = [new ModbusTagOptions { Name = "speed", Address = 0 }],
        });

        Assert.That(Failures(options), Has.Some.Contains("'press01' is used 2 times"));
    }

    [Test]
    public void Validate_RangesOutOfBounds_EachReported()
    {
        var options = Valid();
        Device(options).Port = 0;
        Device(options).UnitId = 256;
        Device(options).PollIntervalMs = 0;
        Device(options).TimeoutMs = 0;
        Device(options).Host = " ";
        FirstTag(options).Scale = 0;
        FirstTag(options).Deadband = -1;

        var failures = Failures(options).ToList();

        Assert.That(failures, Has.Some.Contains(":Port is 0"));
        Assert.That(failures, Has.Some.Contains(":UnitId is 256"));
        Assert.That(failures, Has.Some.Contains(":PollIntervalMs is 0"));
        Assert.That(failures, Has.Some.Contains(":TimeoutMs is 0"));
        Assert.That(failures, Has.Some.Contains(":Host is empty"));
        Assert.That(failures, Has.Some.Contains(":Scale is 0"));
        Assert.That(failures, Has.Some.Contains(":Deadband is -1"));
    }

    [Test]
    public void Validate_BoolWithUnitOrScale_Fails()
    {
        var options = Valid();
        Device(options).Tags[2].Unit = "bar";

        Assert.That(Failures(options), Has.Some.Contains("a bool has no Scale, Offset or Unit"));
    }

    [Test]
    public void Bind_FromConfigurationSection_ReadsDevicesTagsAndEnumsCaseInsensitively()
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Edge:Modbus:MaxBackoffMs"] = "5000",
            ["Edge:Modbus:Devices:0:Name"] = "press01",
            ["Edge:Modbus:Devices:0:Host"] = "10.0.0.5",
            ["Edge:Modbus:Devices:0:Port"] = "5020",
            ["Edge:Modbus:Devices:0:UnitId"] = "3",
            ["Edge:Modbus:Devices:0:PollIntervalMs"] = "250",
            ["Edge:Modbus:Devices:0:Cell"] = "acme/plant1/stamping/line1/press01",
            ["Edge:Modbus:Devices:0:Tags:0:Name"] = "temperature",
            ["Edge:Modbus:Devices:0:Tags:0:RegisterType"] = "input",
            ["Edge:Modbus:Devices:0:Tags:0:Address"] = "2",
            ["Edge:Modbus:Devices:0:Tags:0:DataType"] = "float32",
            ["Edge:Modbus:Devices:0:Tags:0:WordOrder"] = "CDAB",
            ["Edge:Modbus:Devices:0:Tags:0:Scale"] = "0.5",
            ["Edge:Modbus:Devices:0:Tags:0:Unit"] = "degC",
            ["Edge:Modbus:Devices:0:Tags:0:Deadband"] = "0.2",
            ["Edge:Modbus:Devices:0:Tags:1:Name"] = "door-open",
            ["Edge:Modbus:Devices:0:Tags:1:RegisterType"] = "coil",
            ["Edge:Modbus:Devices:0:Tags:1:Address"] = "7",
        }).Build();

        var options = configuration.GetSection(ModbusOptions.SectionName).Get<ModbusOptions>()!;

        Assert.That(Failures(options), Is.Empty);
        var device = options.Devices.Single();
        Assert.Multiple(() =>
        {
            Assert.That(options.MaxBackoffMs, Is.EqualTo(5000));
            Assert.That(device.ClientOptions(), Is.EqualTo(new ModbusTcpClientOptions { Host = "10.0.0.5", Port = 5020, UnitId = 3, Timeout = TimeSpan.FromSeconds(1) }));
            Assert.That(device.CellPath(), Is.EqualTo(IsaPath.CellOf("acme", "plant1", "stamping", "line1", "press01")));
            Assert.That(device.Tags[0].RegisterType, Is.EqualTo(ModbusRegisterType.Input));
            Assert.That(device.Tags[0].EffectiveDataType, Is.EqualTo(ModbusDataType.Float32));
            Assert.That(device.Tags[0].WordOrder, Is.EqualTo(ModbusWordOrder.Cdab));
            Assert.That(device.Tags[0].Scale, Is.EqualTo(0.5));
            Assert.That(device.Tags[0].Deadband, Is.EqualTo(0.2));
            Assert.That(device.Tags[1].EffectiveDataType, Is.EqualTo(ModbusDataType.Bool));
            Assert.That(device.Tags[1].Length, Is.EqualTo(1));
        });
    }
}

using UnsMes.Uns.Topics;

namespace UnsMes.EdgePublisher.Modbus;

/// <summary>
/// The Modbus TCP connector, bound from the <c>Edge:Modbus</c> section and checked at start by
/// <see cref="ModbusOptionsValidator"/> (which covers nested devices and tags, where attributes would not be seen).
/// </summary>
public sealed class ModbusOptions
{
    public const string SectionName = "Edge:Modbus";

    public List<ModbusDeviceOptions> Devices { get; set; } = [];

    /// <summary>
    /// Longest wait between two attempts at a failing device. Attempts start one poll interval apart and
    /// double from there, so a device that is away is not hammered and one that returns is found quickly.
    /// </summary>
    public int MaxBackoffMs { get; set; } = 30_000;
}

/// <summary>One Modbus TCP device (or one unit id behind a gateway): its own connection and poll loop.</summary>
public sealed class ModbusDeviceOptions
{
    /// <summary>Names the device in logs; a legal UNS name.</summary>
    public string Name { get; set; } = "";

    public string Host { get; set; } = "";

    public int Port { get; set; } = 502;

    public int UnitId { get; set; } = 1;

    public int PollIntervalMs { get; set; } = 1000;

    /// <summary>How long one request may take, connecting included.</summary>
    public int TimeoutMs { get; set; } = 1000;

    /// <summary>The ISA-95 cell the device's tags belong to: "enterprise/site/area/line/cell".</summary>
    public string Cell { get; set; } = "";

    public List<ModbusTagOptions> Tags { get; set; } = [];

    /// <summary>Only valid after <see cref="ModbusOptionsValidator"/> accepted the cell.</summary>
    public IsaPath CellPath() => IsaPath.Of(Cell.Split('/'));

    public ModbusTcpClientOptions ClientOptions() => new()
    {
        Host = Host,
        Port = Port,
        UnitId = (byte)UnitId,
        Timeout = TimeSpan.FromMilliseconds(TimeoutMs),
    };
}

/// <summary>One process value: where it sits in the device and how to read it.</summary>
public sealed class ModbusTagOptions
{
    /// <summary>The tag's name in the namespace (<c>.../_tag/{name}</c>); a legal UNS name.</summary>
    public string Name { get; set; } = "";

    public ModbusRegisterType RegisterType { get; set; } = ModbusRegisterType.Holding;

    /// <summary>Zero-based protocol address (holding register 40001 in a vendor's manual is address 0).</summary>
    public int Address { get; set; }

    /// <summary>Defaults to bool for coils and discrete inputs and to uint16 for registers.</summary>
    public ModbusDataType? DataType { get; set; }

    public ModbusWordOrder WordOrder { get; set; } = ModbusWordOrder.Abcd;

    /// <summary>For a bool read from a holding or input register: which bit, 0 (least significant) to 15.</summary>
    public int? Bit { get; set; }

    /// <summary>The published value is raw * Scale + Offset.</summary>
    public double Scale { get; set; } = 1;

    public double Offset { get; set; }

    /// <summary>Engineering unit ("degC", "bar"); empty for booleans and plain counts.</summary>
    public string Unit { get; set; } = "";

    /// <summary>A new value is handed on only when it differs from the last one handed on by more than this (scaled units).</summary>
    public double Deadband { get; set; }

    public ModbusDataType EffectiveDataType =>
        DataType ?? (RegisterType.HoldsBits() ? ModbusDataType.Bool : ModbusDataType.UInt16);

    /// <summary>How many consecutive addresses of its table the tag occupies.</summary>
    public int Length => EffectiveDataType == ModbusDataType.Bool ? 1 : EffectiveDataType.RegisterCount();
}

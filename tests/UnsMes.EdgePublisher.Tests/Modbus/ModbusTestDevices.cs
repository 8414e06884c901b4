using UnsMes.EdgePublisher.Modbus;

namespace UnsMes.EdgePublisher.Tests.Modbus;

/// <summary>Connector configurations pointing at a <see cref="ModbusTestServer"/>, checked by the real validator.</summary>
public static class ModbusTestDevices
{
    public const string Setpoint = "setpoint";

    /// <summary>One tag of every kind the datastore holds, with the value each should decode to.</summary>
    public static readonly IReadOnlyDictionary<string, object> ExpectedValues = new Dictionary<string, object>
    {
        ["temperature"] = 12.5,
        ["temperature-swapped"] = 12.5,
        ["count"] = -123456789d,
        ["offset"] = -100d,
        ["speed"] = 54321d,
        ["running"] = true,
        ["alarm"] = false,
        ["energy"] = -2.5,
        ["total"] = -9876543210d,
        ["oil-temperature"] = 11.5,
        ["cycles"] = 1234d,
        ["voltage"] = 230.5,
        ["parts"] = 3_000_000_000d,
        ["door-open"] = true,
        ["guard-closed"] = true,
        [Setpoint] = 0d,
    };

    public static ModbusDeviceOptions EveryTagType(ModbusTestServer server, string name, int pollIntervalMs = 100, byte unitId = ModbusTestServer.NormalUnit, int timeoutMs = 2000) =>
        Device(server, name, pollIntervalMs, unitId, timeoutMs,
        [
            new() { Name = "temperature", Address = ModbusTestServer.Float32Abcd, DataType = ModbusDataType.Float32, Unit = "degC" },
            new() { Name = "temperature-swapped", Address = ModbusTestServer.Float32Cdab, DataType = ModbusDataType.Float32, WordOrder = ModbusWordOrder.Cdab, Unit = "degC" },
            new() { Name = "count", Address = ModbusTestServer.Int32Abcd, DataType = ModbusDataType.Int32 },
            new() { Name = "offset", Address = ModbusTestServer.Int16Negative, DataType = ModbusDataType.Int16, Unit = "mm" },
            new() { Name = "speed", Address = ModbusTestServer.UInt16Value, Unit = "rpm" },
            new() { Name = "running", Address = ModbusTestServer.BitField, DataType = ModbusDataType.Bool, Bit = 2 },
            new() { Name = "alarm", Address = ModbusTestServer.BitField, DataType = ModbusDataType.Bool, Bit = 1 },
            new() { Name = "energy", Address = ModbusTestServer.Float64Abcd, DataType = ModbusDataType.Float64, Unit = "kWh" },
            new() { Name = "total", Address = ModbusTestServer.Int64Abcd, DataType = ModbusDataType.Int64 },
            new() { Name = "oil-temperature", Address = ModbusTestServer.ScaledInt16, DataType = ModbusDataType.Int16, Scale = 0.1, Offset = -10, Unit = "degC" },
            new() { Name = Setpoint, Address = ModbusTestServer.FreeForWrites, DataType = ModbusDataType.UInt16, Deadband = 5 },
            new() { Name = "cycles", RegisterType = ModbusRegisterType.Input, Address = ModbusTestServer.InputUInt16 },
            new() { Name = "voltage", RegisterType = ModbusRegisterType.Input, Address = ModbusTestServer.InputFloat32, DataType = ModbusDataType.Float32, Unit = "V" },
            new() { Name = "parts", RegisterType = ModbusRegisterType.Input, Address = ModbusTestServer.InputUInt32, DataType = ModbusDataType.UInt32 },
            new() { Name = "door-open", RegisterType = ModbusRegisterType.Coil, Address = 2 },
            new() { Name = "guard-closed", RegisterType = ModbusRegisterType.Discrete, Address = 4 },
        ]);

    public static ModbusDeviceOptions Device(ModbusTestServer server, string name, int pollIntervalMs, byte unitId, int timeoutMs, List<ModbusTagOptions> tags) =>
        Device(server.Port, name, pollIntervalMs, unitId, timeoutMs, tags);

    public static ModbusDeviceOptions Device(int port, string name, int pollIntervalMs, byte unitId, int timeoutMs, List<ModbusTagOptions> tags)
    {
        var device = new ModbusDeviceOptions
        {
            Name = name,
            Host = "127.0.0.1",
            Port = port,
            UnitId = unitId,
            PollIntervalMs = pollIntervalMs,
            TimeoutMs = timeoutMs,
            Cell = $"acme/plant1/stamping/line1/{name}",
            Tags = tags,
        };
        var check = new ModbusOptionsValidator().Validate(null, new ModbusOptions { Devices = [device] });
        Assert.That(check.Succeeded, Is.True, check.FailureMessage);
        return device;
    }
}

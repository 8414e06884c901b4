using System.Diagnostics;
using System.Net.Sockets;
using UnsMes.EdgePublisher.Modbus;

namespace UnsMes.EdgePublisher.Tests.Modbus;

/// <summary>The client against an independent Modbus TCP server (pymodbus) holding known values.</summary>
public class ModbusTcpClientTests
{
    private ModbusTestServer _server = null!;

    [SetUp]
    public async Task StartServer() => _server = await ModbusTestServer.StartAsync();

    [TearDown]
    public async Task StopServer()
    {
        if (_server is not null)
        {
            await _server.DisposeAsync();
        }
    }

    [Test]
    public async Task ReadHoldingRegisters_KnownDatastore_DecodesEveryType()
    {
        using var client = _server.Client();

        var registers = await client.ReadHoldingRegistersAsync(0, 18);

        double At(int address, ModbusDataType type, ModbusWordOrder order = ModbusWordOrder.Abcd) =>
            ModbusDecoder.ToNumber(registers.AsSpan(address), type, order);
        Assert.Multiple(() =>
        {
            Assert.That(At(ModbusTestServer.Float32Abcd, ModbusDataType.Float32), Is.EqualTo(12.5));
            Assert.That(At(ModbusTestServer.Float32Cdab, ModbusDataType.Float32, ModbusWordOrder.Cdab), Is.EqualTo(12.5));
            Assert.That(At(ModbusTestServer.Int32Abcd, ModbusDataType.Int32), Is.EqualTo(-123456789));
            Assert.That(At(ModbusTestServer.Int16Negative, ModbusDataType.Int16), Is.EqualTo(-100));
            Assert.That(At(ModbusTestServer.UInt16Value, ModbusDataType.UInt16), Is.EqualTo(54321));
            Assert.That(ModbusDecoder.ToBool(registers[ModbusTestServer.BitField], 2), Is.True);
            Assert.That(ModbusDecoder.ToBool(registers[ModbusTestServer.BitField], 1), Is.False);
            Assert.That(At(ModbusTestServer.Float64Abcd, ModbusDataType.Float64), Is.EqualTo(-2.5));
            Assert.That(At(ModbusTestServer.Int64Abcd, ModbusDataType.Int64), Is.EqualTo(-9876543210d));
            Assert.That(At(ModbusTestServer.ScaledInt16, ModbusDataType.Int16), Is.EqualTo(215));
        });
    }

    [Test]
    public async Task ReadInputRegisters_KnownDatastore_Decodes()
    {
        using var client = _server.Client();

        var registers = await client.ReadInputRegistersAsync(0, 5);

        Assert.Multiple(() =>
        {
            Assert.That(registers[ModbusTestServer.InputUInt16], Is.EqualTo(1234));
            Assert.That(ModbusDecoder.ToNumber(registers.AsSpan(ModbusTestServer.InputFloat32), ModbusDataType.Float32), Is.EqualTo(230.5));
            Assert.That(ModbusDecoder.ToNumber(registers.AsSpan(ModbusTestServer.InputUInt32), ModbusDataType.UInt32), Is.EqualTo(3_000_000_000d));
        });
    }

    [Test]
    public async Task ReadCoils_AllSixteen_MatchDatastore()
    {
        using var client = _server.Client();

        Assert.That(await client.ReadCoilsAsync(0, 16), Is.EqualTo(ModbusTestServer.Coils));
    }

    [Test]
    public async Task ReadCoils_CountNotAMultipleOfEight_PaddingIgnored()
    {
        using var client = _server.Client();

        Assert.That(await client.ReadCoilsAsync(2, 3), Is.EqualTo(ModbusTestServer.Coils[2..5]));
    }

    [Test]
    public async Task ReadDiscreteInputs_AllEight_MatchDatastore()
    {
        using var client = _server.Client();

        Assert.That(await client.ReadDiscreteInputsAsync(0, 8), Is.EqualTo(ModbusTestServer.DiscreteInputs));
    }

    [Test]
    public async Task WriteSingleRegister_ThenRead_ReturnsWrittenValue()
    {
        using var client = _server.Client();

        await client.WriteSingleRegisterAsync(ModbusTestServer.FreeForWrites, 0xBEEF);

        Assert.That(await client.ReadHoldingRegistersAsync(ModbusTestServer.FreeForWrites, 1), Is.EqualTo(new ushort[] { 0xBEEF }));
    }

    [Test]
    public async Task WriteMultipleRegisters_ThenRead_ReturnsWrittenValues()
    {
        using var client = _server.Client();

        await client.WriteMultipleRegistersAsync(ModbusTestServer.FreeForWrites + 1, [0x4148, 0x0000, 7]);

        var registers = await client.ReadHoldingRegistersAsync(ModbusTestServer.FreeForWrites + 1, 3);
        Assert.That(registers, Is.EqualTo(new ushort[] { 0x4148, 0x0000, 7 }));
    }

    [Test]
    public async Task WriteSingleCoil_ThenRead_ReturnsWrittenValue()
    {
        using var client = _server.Client();

        await client.WriteSingleCoilAsync(1, true);
        await client.WriteSingleCoilAsync(0, false);

        Assert.That(await client.ReadCoilsAsync(0, 2), Is.EqualTo(new[] { false, true }));
    }

    [Test]
    public async Task Read_PastEndOfBlock_ThrowsIllegalDataAddressAndKeepsConnection()
    {
        using var client = _server.Client();

        var ex = Assert.ThrowsAsync<ModbusException>(() => client.ReadHoldingRegistersAsync(ModbusTestServer.HoldingRegisterCount - 2, 5));

        Assert.Multiple(() =>
        {
            Assert.That(ex.Code, Is.EqualTo(ModbusExceptionCode.IllegalDataAddress));
            Assert.That(ex.CodeName, Is.EqualTo("IllegalDataAddress"));
            Assert.That(ex.Function, Is.EqualTo(ModbusFunctionCode.ReadHoldingRegisters));
            Assert.That(client.IsConnected, Is.True, "an exception response leaves the connection usable");
        });
        Assert.That(await client.ReadHoldingRegistersAsync(ModbusTestServer.UInt16Value, 1), Is.EqualTo(new ushort[] { 54321 }));
    }

    [Test]
    public void Read_BusyUnit_ThrowsServerDeviceBusy()
    {
        using var client = _server.Client(ModbusTestServer.BusyUnit);

        var ex = Assert.ThrowsAsync<ModbusException>(() => client.ReadInputRegistersAsync(0, 1));

        Assert.That(ex.Code, Is.EqualTo(ModbusExceptionCode.ServerDeviceBusy));
        Assert.That(ex.Function, Is.EqualTo(ModbusFunctionCode.ReadInputRegisters));
    }

    [Test]
    public void Read_UnitThatNeverAnswers_ThrowsTimeoutAfterConfiguredTimeout()
    {
        using var client = _server.Client(ModbusTestServer.SilentUnit, timeoutMs: 300);
        var clock = Stopwatch.StartNew();

        var ex = Assert.ThrowsAsync<TimeoutException>(() => client.ReadHoldingRegistersAsync(0, 1));

        Assert.That(clock.Elapsed, Is.GreaterThanOrEqualTo(TimeSpan.FromMilliseconds(250)).And.LessThan(TimeSpan.FromSeconds(5)));
        Assert.That(ex.Message, Does.Contain("300 ms").And.Contain("unit 99"));
        Assert.That(client.IsConnected, Is.False, "a timed-out connection is dropped so a late answer cannot be taken for the next one");
    }

    [Test]
    public void Read_MoreThan125Registers_RefusedBeforeSending()
    {
        using var client = _server.Client();

        Assert.That(() => client.ReadHoldingRegistersAsync(0, 126), Throws.TypeOf<ArgumentOutOfRangeException>());
        Assert.That(client.IsConnected, Is.False);
    }

    [Test]
    public async Task Read_ServerRestartedBetweenRequests_ReconnectsWithoutError()
    {
        using var client = _server.Client();
        await client.ReadHoldingRegistersAsync(0, 1);

        _server.Kill();
        await _server.StartAgainAsync();

        Assert.That(await client.ReadHoldingRegistersAsync(ModbusTestServer.UInt16Value, 1), Is.EqualTo(new ushort[] { 54321 }));
    }

    [Test]
    public async Task Read_ServerDown_FailsThenSucceedsOnceServerIsBack()
    {
        using var client = _server.Client();
        _server.Kill();

        Assert.That(() => client.ReadHoldingRegistersAsync(0, 1), Throws.InstanceOf<SocketException>());

        await _server.StartAgainAsync();
        Assert.That(await client.ReadHoldingRegistersAsync(ModbusTestServer.UInt16Value, 1), Is.EqualTo(new ushort[] { 54321 }));
    }

    [Test]
    public async Task Read_ManyConcurrentRequests_SerializedAndEachGetsItsOwnAnswer()
    {
        using var client = _server.Client();

        var reads = Enumerable.Range(0, 40).Select(i => i % 2 == 0
            ? client.ReadHoldingRegistersAsync(ModbusTestServer.UInt16Value, 1)
            : client.ReadInputRegistersAsync(ModbusTestServer.InputUInt16, 1));
        var results = await Task.WhenAll(reads);

        Assert.That(results.Select((r, i) => r[0] == (i % 2 == 0 ? 54321 : 1234)), Is.All.True);
    }

    [Test]
    public void Read_CallerCancels_ThrowsCancellationNotTimeout()
    {
        using var client = _server.Client(ModbusTestServer.SilentUnit, timeoutMs: 30_000);
        using var cancel = new CancellationTokenSource(TimeSpan.FromMilliseconds(200));

        Assert.That(() => client.ReadHoldingRegistersAsync(0, 1, cancel.Token), Throws.InstanceOf<OperationCanceledException>());
    }
}

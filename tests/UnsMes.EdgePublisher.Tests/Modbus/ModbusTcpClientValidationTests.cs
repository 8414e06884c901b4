using UnsMes.EdgePublisher.Modbus;

namespace UnsMes.EdgePublisher.Tests.Modbus;

/// <summary>Answers a correct device never sends, from a scripted peer: each is refused and the connection renewed.</summary>
public class ModbusTcpClientValidationTests
{
    /// <summary>The answer to "read 1 holding register": 0x1234.</summary>
    private static readonly byte[] OneRegister = [0x03, 0x02, 0x12, 0x34];

    private static ModbusTcpClient Client(ScriptedModbusDevice device) =>
        new(new ModbusTcpClientOptions { Host = "127.0.0.1", Port = device.Port, UnitId = 7, Timeout = TimeSpan.FromSeconds(5) });

    [Test]
    public async Task Read_ResponseWithOtherTransactionId_ThrowsProtocolErrorAndNextRequestUsesFreshConnection()
    {
        await using var device = new ScriptedModbusDevice((n, request) =>
            ScriptedModbusDevice.Response(request, OneRegister, transactionIdDelta: n == 1 ? 1 : 0));
        using var client = Client(device);

        Assert.That(() => client.ReadHoldingRegistersAsync(0, 1), Throws.TypeOf<ModbusProtocolException>().With.Message.Contains("transaction id"));
        Assert.That(client.IsConnected, Is.False);

        Assert.That(await client.ReadHoldingRegistersAsync(0, 1), Is.EqualTo(new ushort[] { 0x1234 }));
        Assert.That(device.Connections, Is.EqualTo(2));
    }

    [Test]
    public async Task Read_ResponseFromOtherUnit_ThrowsProtocolError()
    {
        await using var device = new ScriptedModbusDevice((_, request) => ScriptedModbusDevice.Response(request, OneRegister, unitId: 8));
        using var client = Client(device);

        Assert.That(() => client.ReadHoldingRegistersAsync(0, 1), Throws.TypeOf<ModbusProtocolException>().With.Message.Contains("unit 8"));
    }

    [Test]
    public async Task Read_ResponseWithProtocolIdOne_ThrowsProtocolError()
    {
        await using var device = new ScriptedModbusDevice((_, request) => ScriptedModbusDevice.Response(request, OneRegister, protocolId: 1));
        using var client = Client(device);

        Assert.That(() => client.ReadHoldingRegistersAsync(0, 1), Throws.TypeOf<ModbusProtocolException>().With.Message.Contains("protocol id 1"));
    }

    [Test]
    public async Task Read_ResponseWithWrongByteCount_ThrowsProtocolErrorAndDropsConnection()
    {
        await using var device = new ScriptedModbusDevice((_, request) => ScriptedModbusDevice.Response(request, [0x03, 0x04, 0x00, 0x01, 0x00, 0x02]));
        using var client = Client(device);

        Assert.That(() => client.ReadHoldingRegistersAsync(0, 1), Throws.TypeOf<ModbusProtocolException>());
        Assert.That(client.IsConnected, Is.False);
    }

    [Test]
    public async Task Read_ResponseToOtherFunction_ThrowsProtocolError()
    {
        await using var device = new ScriptedModbusDevice((_, request) => ScriptedModbusDevice.Response(request, [0x04, 0x02, 0x12, 0x34]));
        using var client = Client(device);

        Assert.That(() => client.ReadHoldingRegistersAsync(0, 1), Throws.TypeOf<ModbusProtocolException>());
    }

    [Test]
    public async Task Request_FramedWithIncreasingTransactionIdsAndConfiguredUnit()
    {
        var seen = new List<byte[]>();
        await using var device = new ScriptedModbusDevice((_, request) =>
        {
            lock (seen)
            {
                seen.Add(request);
            }

            return ScriptedModbusDevice.Response(request, OneRegister);
        });
        using var client = Client(device);

        await client.ReadHoldingRegistersAsync(0x006B, 1);
        await client.ReadHoldingRegistersAsync(0x006B, 1);

        Assert.That(seen[0], Is.EqualTo(new byte[] { 0x00, 0x01, 0x00, 0x00, 0x00, 0x06, 0x07, 0x03, 0x00, 0x6B, 0x00, 0x01 }));
        Assert.That(seen[1][..2], Is.EqualTo(new byte[] { 0x00, 0x02 }));
    }

    [Test]
    public async Task Read_DeviceClosesIdleConnections_EachRequestStillAnswered()
    {
        await using var device = new ScriptedModbusDevice((_, request) => ScriptedModbusDevice.Response(request, OneRegister), closeAfterEachAnswer: true);
        using var client = Client(device);

        for (var i = 0; i < 3; i++)
        {
            Assert.That(await client.ReadHoldingRegistersAsync(0, 1), Is.EqualTo(new ushort[] { 0x1234 }), $"request {i + 1}");
        }

        Assert.That(device.Connections, Is.EqualTo(3));
    }
}

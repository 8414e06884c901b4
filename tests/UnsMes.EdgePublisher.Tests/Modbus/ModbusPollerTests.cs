using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;
using UnsMes.EdgePublisher.Modbus;
using UnsMes.Testing;
using UnsMes.Uns.Payloads;

namespace UnsMes.EdgePublisher.Tests.Modbus;

/// <summary>The connector as the host runs it: a loop per device, against two independent pymodbus servers.</summary>
public class ModbusPollerTests
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(15);

    private readonly List<IAsyncDisposable> _cleanup = [];

    [TearDown]
    public async Task CleanUp()
    {
        foreach (var item in Enumerable.Reverse(_cleanup))
        {
            await item.DisposeAsync();
        }

        _cleanup.Clear();
    }

    private async Task<ModbusTestServer> StartServerAsync()
    {
        var server = await ModbusTestServer.StartAsync();
        _cleanup.Add(server);
        return server;
    }

    private async Task<ModbusPoller> StartPollerAsync(IProcessValueSink sink, TimeProvider time, params ModbusDeviceOptions[] devices)
    {
        var options = new ModbusOptions { Devices = [.. devices], MaxBackoffMs = 400 };
        Assert.That(new ModbusOptionsValidator().Validate(null, options).Succeeded, Is.True);
        var poller = new ModbusPoller(Options.Create(options), sink, time, NullLogger<ModbusPoller>.Instance);
        await poller.StartAsync(CancellationToken.None);
        _cleanup.Add(new StopsPoller(poller));
        return poller;
    }

    private static ModbusDeviceOptions Press(ModbusTestServer server, string name, int pollIntervalMs = 50) => Press(server.Port, name, pollIntervalMs);

    private static ModbusDeviceOptions Press(int port, string name, int pollIntervalMs = 50) =>
        ModbusTestDevices.Device(port, name, pollIntervalMs, ModbusTestServer.NormalUnit, 1000,
        [
            new() { Name = "temperature", Address = ModbusTestServer.Float32Abcd, DataType = ModbusDataType.Float32, Unit = "degC" },
            new() { Name = ModbusTestDevices.Setpoint, Address = ModbusTestServer.FreeForWrites },
            new() { Name = "door-open", RegisterType = ModbusRegisterType.Coil, Address = 2 },
        ]);

    [Test]
    public async Task Poller_OneDeviceServerKilled_ReportsBadOnceWhileOtherDeviceKeepsDelivering()
    {
        var serverA = await StartServerAsync();
        var serverB = await StartServerAsync();
        var sink = new RecordingProcessValueSink();
        var poller = await StartPollerAsync(sink, TimeProvider.System, Press(serverA, "press01"), Press(serverB, "press02"));
        bool Of(RecordingProcessValueSink.Write w, string cell, string tag, Quality quality) =>
            w.Cell.Cell == cell && w.Tag == tag && w.Value.Quality == quality;
        await sink.WaitForAsync(w => Of(w, "press01", "temperature", Quality.Good), Timeout);
        await sink.WaitForAsync(w => Of(w, "press02", "temperature", Quality.Good), Timeout);

        serverA.Kill();
        var bad = await sink.WaitForAsync(w => Of(w, "press01", "temperature", Quality.Bad), Timeout);
        var deviceA = poller.Devices.Single(d => d.Name == "press01");
        await WaitUntilAsync(() => deviceA.FailedPolls >= 3, "press01 to fail three polls");
        using var writer = serverB.Client();
        await writer.WriteSingleRegisterAsync(ModbusTestServer.FreeForWrites, 77);
        await sink.WaitForAsync(w => Of(w, "press02", ModbusTestDevices.Setpoint, Quality.Good) && w.Number == 77, Timeout);

        var press01 = sink.Writes.Where(w => w.Cell.Cell == "press01").ToList();
        var press02 = sink.Writes.Where(w => w.Cell.Cell == "press02").ToList();
        Assert.Multiple(() =>
        {
            Assert.That(bad.Number, Is.EqualTo(12.5), "the last good value, marked bad");
            Assert.That(press01.Count(w => w.Value.Quality == Quality.Bad), Is.EqualTo(3), "each of the three tags once, however many polls failed");
            Assert.That(press01.Single(w => w.Tag == "door-open" && w.Value.Quality == Quality.Bad).Boolean, Is.True);
            Assert.That(press02.Select(w => w.Value.Quality), Is.All.EqualTo(Quality.Good));
        });
    }

    [Test]
    public async Task Poller_UnreachableDevice_OtherDeviceStillPolled()
    {
        var server = await StartServerAsync();
        var sink = new RecordingProcessValueSink();
        // Nothing listens on this port: connecting is refused at once.
        var unreachable = Press(FreePort.Next(), "press09");

        await StartPollerAsync(sink, TimeProvider.System, unreachable, Press(server, "press01"));

        await sink.WaitForAsync(w => w.Cell.Cell == "press09" && w.Value.Quality == Quality.Bad, Timeout);
        await sink.WaitForGoodAsync(["temperature", ModbusTestDevices.Setpoint, "door-open"], Timeout);
        Assert.That(sink.Writes.Where(w => w.Cell.Cell == "press01").Select(w => w.Value.Quality), Is.All.EqualTo(Quality.Good));
    }

    [Test]
    public async Task Poller_InjectedClock_PollsAgainWhenTheIntervalHasPassed()
    {
        var server = await StartServerAsync();
        var sink = new RecordingProcessValueSink();
        var clock = new FakeTimeProvider(DateTimeOffset.Parse("2025-03-01T06:00:00Z", System.Globalization.CultureInfo.InvariantCulture));
        var device = Press(server, "press01", pollIntervalMs: 60_000);
        device.TimeoutMs = 600_000;
        var poller = await StartPollerAsync(sink, clock, device);
        await sink.WaitForAsync(ModbusTestDevices.Setpoint, Quality.Good, Timeout);
        using var writer = server.Client();

        await writer.WriteSingleRegisterAsync(ModbusTestServer.FreeForWrites, 42);
        // The loop's wait may not be registered with the clock yet, so move the clock an interval at a time until
        // the next poll has run.
        var polled = sink.WaitForAsync(w => w.Tag == ModbusTestDevices.Setpoint && w.Number == 42, Timeout);
        while (!polled.IsCompleted)
        {
            clock.Advance(TimeSpan.FromMinutes(1));
            await Task.WhenAny(polled, Task.Delay(TimeSpan.FromMilliseconds(50)));
        }

        var write = await polled;
        Assert.That(write.Value.Ts, Is.GreaterThanOrEqualTo(DateTimeOffset.Parse("2025-03-01T06:01:00Z", System.Globalization.CultureInfo.InvariantCulture).ToUnixTimeMilliseconds()));
        Assert.That(poller.Devices.Single().Polls, Is.GreaterThanOrEqualTo(2));
    }

    [Test]
    public async Task Poller_Stopped_EveryDeviceLoopEnds()
    {
        var server = await StartServerAsync();
        var sink = new RecordingProcessValueSink();
        var poller = await StartPollerAsync(sink, TimeProvider.System, Press(server, "press01"), Press(server, "press02"));
        await sink.WaitForGoodAsync(["temperature"], Timeout);

        await poller.StopAsync(CancellationToken.None).WaitAsync(Timeout);

        Assert.That(poller.ExecuteTask, Is.Not.Null);
        Assert.That(poller.ExecuteTask!.IsCompletedSuccessfully, Is.True);
    }

    private static async Task WaitUntilAsync(Func<bool> condition, string what)
    {
        using var timeout = new CancellationTokenSource(Timeout);
        while (!condition())
        {
            try
            {
                await Task.Delay(TimeSpan.FromMilliseconds(20), timeout.Token);
            }
            catch (OperationCanceledException)
            {
                Assert.Fail($"Timed out waiting for {what}.");
            }
        }
    }

    /// <summary>Stops and disposes a started poller in teardown.</summary>
    private sealed class StopsPoller(ModbusPoller poller) : IAsyncDisposable
    {
        public async ValueTask DisposeAsync()
        {
            await poller.StopAsync(CancellationToken.None);
            poller.Dispose();
        }
    }
}

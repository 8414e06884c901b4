using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;
using UnsMes.EdgePublisher.Modbus;
using UnsMes.Uns.Payloads;
using UnsMes.Uns.Topics;

namespace UnsMes.EdgePublisher.Tests.Modbus;

/// <summary>One device's poll, step by step against the pymodbus server, so every outcome is deterministic.</summary>
public class ModbusDevicePollerTests
{
    private static readonly TimeSpan Interval = TimeSpan.FromMilliseconds(100);

    private ModbusTestServer _server = null!;
    private RecordingProcessValueSink _sink = null!;

    [SetUp]
    public async Task StartServer()
    {
        _sink = new RecordingProcessValueSink();
        _server = await ModbusTestServer.StartAsync();
    }

    [TearDown]
    public async Task StopServer()
    {
        if (_server is not null)
        {
            await _server.DisposeAsync();
        }
    }

    private ModbusDevicePoller Poller(ModbusDeviceOptions device, IProcessValueSink? sink = null, TimeProvider? time = null) =>
        new(device, TimeSpan.FromSeconds(1), sink ?? _sink, time ?? TimeProvider.System, NullLogger.Instance);

    private ModbusDeviceOptions EveryTagType(byte unitId = ModbusTestServer.NormalUnit, int timeoutMs = 2000) =>
        ModbusTestDevices.EveryTagType(_server, "press01", (int)Interval.TotalMilliseconds, unitId, timeoutMs);

    [Test]
    public async Task PollAsync_EveryTagType_HandsOnDecodedGoodValues()
    {
        using var poller = Poller(EveryTagType());

        await poller.PollAsync(CancellationToken.None);

        var latest = _sink.Latest();
        Assert.That(latest.Keys, Is.EquivalentTo(ModbusTestDevices.ExpectedValues.Keys));
        Assert.Multiple(() =>
        {
            foreach (var (tag, expected) in ModbusTestDevices.ExpectedValues)
            {
                var write = latest[tag];
                Assert.That(write.Value.Quality, Is.EqualTo(Quality.Good), tag);
                Assert.That(write.Cell, Is.EqualTo(IsaPath.CellOf("acme", "plant1", "stamping", "line1", "press01")), tag);
                if (expected is bool flag)
                {
                    Assert.That(write.Boolean, Is.EqualTo(flag), tag);
                }
                else
                {
                    Assert.That(write.Number, Is.EqualTo((double)expected).Within(1e-9), tag);
                }
            }

            Assert.That(latest["temperature"].Value.Unit, Is.EqualTo("degC"));
            Assert.That(latest["running"].Value.Unit, Is.Empty);
        });
    }

    [Test]
    public void Blocks_EveryTagType_ContiguousRegistersShareReads()
    {
        using var poller = Poller(EveryTagType());

        // Holding 0..17 are contiguous (register 8 carries two bits); 20 stands apart; then one read per other table.
        Assert.That(poller.Blocks.Select(b => $"{b.RegisterType} {b.Start}+{b.Count}"),
            Is.EqualTo(new[] { "Holding 0+18", "Holding 20+1", "Input 0+5", "Coil 2+1", "Discrete 4+1" }));
    }

    [Test]
    public async Task PollAsync_NothingChanged_NothingHandedOnAgain()
    {
        using var poller = Poller(EveryTagType());
        await poller.PollAsync(CancellationToken.None);
        var first = _sink.Writes.Count;

        await poller.PollAsync(CancellationToken.None);

        Assert.That(_sink.Writes, Has.Count.EqualTo(first));
    }

    [Test]
    public async Task PollAsync_ChangeWithinDeadband_HandedOnOnlyOnceBeyondIt()
    {
        using var poller = Poller(EveryTagType());
        using var writer = _server.Client();
        await poller.PollAsync(CancellationToken.None);

        await writer.WriteSingleRegisterAsync(ModbusTestServer.FreeForWrites, 3);
        await poller.PollAsync(CancellationToken.None);
        var withinDeadband = _sink.Of(ModbusTestDevices.Setpoint).Count;
        await writer.WriteSingleRegisterAsync(ModbusTestServer.FreeForWrites, 10);
        await poller.PollAsync(CancellationToken.None);

        Assert.That(withinDeadband, Is.EqualTo(1), "3 is within the deadband of 5 around 0");
        Assert.That(_sink.Of(ModbusTestDevices.Setpoint).Select(w => w.Number), Is.EqualTo(new[] { 0d, 10 }));
    }

    [Test]
    public async Task PollAsync_ServerKilled_ReportsEveryTagBadOnceWithLastGoodValueAndBacksOff()
    {
        using var poller = Poller(EveryTagType());
        await poller.PollAsync(CancellationToken.None);
        var good = _sink.Writes.Count;

        _server.Kill();
        var waits = new List<TimeSpan>();
        for (var i = 0; i < 4; i++)
        {
            waits.Add(await poller.PollAsync(CancellationToken.None));
        }

        var bad = _sink.Writes.Skip(good).ToList();
        Assert.Multiple(() =>
        {
            Assert.That(waits.Select(w => w.TotalMilliseconds), Is.EqualTo(new[] { 100d, 200, 400, 800 }));
            Assert.That(poller.FailedPolls, Is.EqualTo(4));
            Assert.That(bad.Select(w => w.Tag), Is.EquivalentTo(ModbusTestDevices.ExpectedValues.Keys), "each tag reported bad exactly once");
            Assert.That(bad.Select(w => w.Value.Quality), Is.All.EqualTo(Quality.Bad));
            Assert.That(bad.Single(w => w.Tag == "temperature").Number, Is.EqualTo(12.5), "the last good value");
            Assert.That(bad.Single(w => w.Tag == "running").Boolean, Is.True, "the last good value");
        });
    }

    [Test]
    public async Task PollAsync_ServerBack_ReportsGoodAgainAndNextOutageBadAgain()
    {
        using var poller = Poller(EveryTagType());
        await poller.PollAsync(CancellationToken.None);
        _server.Kill();
        await poller.PollAsync(CancellationToken.None);
        await poller.PollAsync(CancellationToken.None);

        await _server.StartAgainAsync();
        var wait = await poller.PollAsync(CancellationToken.None);
        _server.Kill();
        await poller.PollAsync(CancellationToken.None);

        Assert.That(wait, Is.LessThanOrEqualTo(Interval), "back to the normal interval");
        Assert.That(_sink.Of("speed").Select(w => (w.Value.Quality, w.Number)), Is.EqualTo(new[]
        {
            (Quality.Good, 54321d), (Quality.Bad, 54321d), (Quality.Good, 54321d), (Quality.Bad, 54321d),
        }));
    }

    [Test]
    public async Task PollAsync_DeviceAnswersServerDeviceBusy_ReportsZeroAndFalseWithBadQuality()
    {
        using var poller = Poller(EveryTagType(ModbusTestServer.BusyUnit));

        var wait = await poller.PollAsync(CancellationToken.None);

        var latest = _sink.Latest();
        Assert.Multiple(() =>
        {
            Assert.That(wait, Is.EqualTo(Interval));
            Assert.That(latest.Values.Select(w => w.Value.Quality), Is.All.EqualTo(Quality.Bad));
            Assert.That(latest["temperature"].Number, Is.Zero);
            Assert.That(latest["running"].Boolean, Is.False);
        });
    }

    [Test]
    public async Task PollAsync_DeviceNeverAnswers_TimesOutAndReportsBad()
    {
        using var poller = Poller(EveryTagType(ModbusTestServer.SilentUnit, timeoutMs: 200));

        await poller.PollAsync(CancellationToken.None);

        Assert.That(_sink.Latest().Values.Select(w => w.Value.Quality), Is.All.EqualTo(Quality.Bad));
        Assert.That(poller.FailedPolls, Is.EqualTo(1));
    }

    [Test]
    public async Task PollAsync_FloatRegisterHoldsNaN_OnlyThatTagReportedBad()
    {
        var device = ModbusTestDevices.Device(_server, "press01", 100, ModbusTestServer.NormalUnit, 2000,
        [
            new() { Name = "flow", Address = ModbusTestServer.FreeForWrites + 2, DataType = ModbusDataType.Float32, Unit = "l/min" },
            new() { Name = "speed", Address = ModbusTestServer.UInt16Value },
        ]);
        using var poller = Poller(device);
        using var writer = _server.Client();
        // 0x7FC00000 is a quiet NaN; 0x3F800000 is 1.0.
        await writer.WriteMultipleRegistersAsync(ModbusTestServer.FreeForWrites + 2, [0x7FC0, 0x0000]);

        await poller.PollAsync(CancellationToken.None);
        await writer.WriteMultipleRegistersAsync(ModbusTestServer.FreeForWrites + 2, [0x3F80, 0x0000]);
        await poller.PollAsync(CancellationToken.None);

        Assert.That(_sink.Of("flow").Select(w => (w.Value.Quality, w.Number)), Is.EqualTo(new[] { (Quality.Bad, 0d), (Quality.Good, 1d) }));
        Assert.That(_sink.Of("speed").Select(w => w.Value.Quality), Is.EqualTo(new[] { Quality.Good }));
    }

    [Test]
    public async Task PollAsync_SinkRefusesAWrite_ValueOfferedAgainOnNextPoll()
    {
        var sink = new RefusingFirstWriteSink(_sink);
        var device = ModbusTestDevices.Device(_server, "press01", 100, ModbusTestServer.NormalUnit, 2000,
            [new() { Name = "speed", Address = ModbusTestServer.UInt16Value }]);
        using var poller = Poller(device, sink);

        await poller.PollAsync(CancellationToken.None);
        await poller.PollAsync(CancellationToken.None);
        await poller.PollAsync(CancellationToken.None);

        Assert.That(sink.Refused, Is.EqualTo(1));
        Assert.That(_sink.Of("speed").Select(w => w.Number), Is.EqualTo(new[] { 54321d }));
    }

    [Test]
    public async Task PollAsync_OnInjectedClock_WaitsTheRestOfTheInterval()
    {
        var clock = new FakeTimeProvider(DateTimeOffset.Parse("2025-03-01T06:00:00Z", System.Globalization.CultureInfo.InvariantCulture));
        using var poller = Poller(EveryTagType(), time: clock);

        var wait = await poller.PollAsync(CancellationToken.None);

        Assert.That(wait, Is.EqualTo(Interval), "no time passed on the injected clock");
        Assert.That(_sink.Writes.Select(w => w.Value.Ts), Is.All.EqualTo(clock.GetUtcNow().ToUnixTimeMilliseconds()));
    }

    /// <summary>Throws on the first write, as a sink whose broker is briefly away, then passes writes on.</summary>
    private sealed class RefusingFirstWriteSink(IProcessValueSink inner) : IProcessValueSink
    {
        public int Refused { get; private set; }

        public Task WriteAsync(IsaPath cell, string tag, ProcessValuePayload value, CancellationToken cancellationToken)
        {
            if (Refused == 0)
            {
                Refused++;
                throw new InvalidOperationException("broker away");
            }

            return inner.WriteAsync(cell, tag, value, cancellationToken);
        }
    }
}

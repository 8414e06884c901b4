using UnsMes.EdgePublisher.Modbus;

namespace UnsMes.EdgePublisher.Tests.Modbus;

public class ModbusBackoffTests
{
    [Test]
    public void NextDelay_RepeatedFailures_DoublesFromIntervalUpToCeiling()
    {
        var backoff = new ModbusBackoff(TimeSpan.FromMilliseconds(100), TimeSpan.FromSeconds(1));

        var delays = Enumerable.Range(0, 6).Select(_ => backoff.NextDelay().TotalMilliseconds);

        Assert.That(delays, Is.EqualTo(new[] { 100d, 200, 400, 800, 1000, 1000 }));
        Assert.That(backoff.Failures, Is.EqualTo(6));
    }

    [Test]
    public void Reset_AfterSuccess_StartsOverAtInterval()
    {
        var backoff = new ModbusBackoff(TimeSpan.FromMilliseconds(100), TimeSpan.FromSeconds(1));
        backoff.NextDelay();
        backoff.NextDelay();

        backoff.Reset();

        Assert.That(backoff.NextDelay(), Is.EqualTo(TimeSpan.FromMilliseconds(100)));
    }

    [Test]
    public void NextDelay_CeilingBelowInterval_WaitsOneInterval()
    {
        var backoff = new ModbusBackoff(TimeSpan.FromSeconds(5), TimeSpan.FromSeconds(1));

        Assert.That(backoff.NextDelay(), Is.EqualTo(TimeSpan.FromSeconds(5)));
        Assert.That(backoff.NextDelay(), Is.EqualTo(TimeSpan.FromSeconds(5)));
    }

    [Test]
    public void NextDelay_ThousandsOfFailuresWithLongInterval_StaysAtCeiling()
    {
        var backoff = new ModbusBackoff(TimeSpan.FromDays(1), TimeSpan.FromDays(2));

        for (var i = 0; i < 5000; i++)
        {
            backoff.NextDelay();
        }

        Assert.That(backoff.NextDelay(), Is.EqualTo(TimeSpan.FromDays(2)));
    }
}

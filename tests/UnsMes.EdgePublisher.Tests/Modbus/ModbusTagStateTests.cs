using UnsMes.EdgePublisher.Modbus;
using UnsMes.Uns.Payloads;

namespace UnsMes.EdgePublisher.Tests.Modbus;

/// <summary>Report by exception: changes beyond the deadband and changes of quality go out, repeats do not.</summary>
public class ModbusTagStateTests
{
    [Test]
    public void AfterGoodRead_FirstValue_HandedOn() =>
        Assert.That(new ModbusTagState(false, 0.5).AfterGoodRead(ModbusValue.Of(20.0)), Is.EqualTo(ModbusValue.Of(20.0)));

    [Test]
    public void AfterGoodRead_ChangeWithinDeadband_NotHandedOnUntilItAddsUp()
    {
        var state = new ModbusTagState(false, 0.5);
        state.Sent(ModbusValue.Of(20.0), Quality.Good);

        Assert.That(state.AfterGoodRead(ModbusValue.Of(20.3)), Is.Null);
        Assert.That(state.AfterGoodRead(ModbusValue.Of(20.5)), Is.Null, "exactly the deadband is not beyond it");
        // Compared with the value last handed on, not the last read, so slow drift still gets out.
        Assert.That(state.AfterGoodRead(ModbusValue.Of(20.6)), Is.EqualTo(ModbusValue.Of(20.6)));
    }

    [Test]
    public void AfterGoodRead_ZeroDeadband_AnyChangeHandedOnRepeatsNot()
    {
        var state = new ModbusTagState(false, 0);
        state.Sent(ModbusValue.Of(7), Quality.Good);

        Assert.That(state.AfterGoodRead(ModbusValue.Of(7)), Is.Null);
        Assert.That(state.AfterGoodRead(ModbusValue.Of(7.000001)), Is.Not.Null);
    }

    [Test]
    public void AfterFailure_ReportedOncePerEpisodeWithLastGoodValue()
    {
        var state = new ModbusTagState(false, 0);
        state.AfterGoodRead(ModbusValue.Of(12.5));
        state.Sent(ModbusValue.Of(12.5), Quality.Good);

        var bad = state.AfterFailure();
        state.Sent(bad!.Value, Quality.Bad);

        Assert.That(bad, Is.EqualTo(ModbusValue.Of(12.5)));
        Assert.That(state.AfterFailure(), Is.Null, "second failure of the same episode");
        Assert.That(state.AfterGoodRead(ModbusValue.Of(12.5)), Is.EqualTo(ModbusValue.Of(12.5)), "good again is news even when the value is the same");
    }

    [Test]
    public void AfterFailure_NeverReadGood_ReportsZeroOrFalse()
    {
        Assert.That(new ModbusTagState(false, 0).AfterFailure(), Is.EqualTo(ModbusValue.Of(0.0)));
        Assert.That(new ModbusTagState(true, 0).AfterFailure(), Is.EqualTo(ModbusValue.Of(false)));
    }

    [Test]
    public void AfterFailure_SinkRefusedTheBadReport_OfferedAgain()
    {
        var state = new ModbusTagState(false, 0);

        Assert.That(state.AfterFailure(), Is.Not.Null);
        Assert.That(state.AfterFailure(), Is.Not.Null, "nothing was marked sent");
    }

    [Test]
    public void ToPayload_Boolean_IsJsonBooleanWithoutUnit()
    {
        var payload = ModbusValue.Of(true).ToPayload(1_700_000_000_000, "ignored", Quality.Bad);

        Assert.Multiple(() =>
        {
            Assert.That(payload.Value.GetRawText(), Is.EqualTo("true"));
            Assert.That(payload.Unit, Is.Empty);
            Assert.That(payload.Quality, Is.EqualTo(Quality.Bad));
            Assert.That(payload.Ts, Is.EqualTo(1_700_000_000_000));
        });
    }

    [Test]
    public void ToPayload_Number_IsJsonNumberWithUnit()
    {
        var payload = ModbusValue.Of(21.5).ToPayload(1, "degC", Quality.Good);

        Assert.That(payload.Value.GetDouble(), Is.EqualTo(21.5));
        Assert.That(payload.Unit, Is.EqualTo("degC"));
    }
}

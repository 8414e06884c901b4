using UnsMes.Uns.Payloads;

namespace UnsMes.EdgePublisher.Modbus;

/// <summary>
/// What the consumers of one tag were last told, so values go out by exception (a change beyond the deadband,
/// or a change of quality) and a failing device is reported bad once per episode rather than on every attempt.
/// </summary>
internal sealed class ModbusTagState(bool isBoolean, double deadband)
{
    private ModbusValue? _lastGood;
    private ModbusValue? _lastSent;
    private Quality? _sentQuality;

    /// <summary>The value to hand on after a good read, or null when consumers already have it (within the deadband).</summary>
    public ModbusValue? AfterGoodRead(ModbusValue value)
    {
        _lastGood = value;
        return _sentQuality == Quality.Good && _lastSent is { } sent && !value.DiffersFrom(sent, deadband) ? null : value;
    }

    /// <summary>The value to report with bad quality (the last good one, else 0 or false), or null if already reported.</summary>
    public ModbusValue? AfterFailure() => _sentQuality == Quality.Bad ? null : _lastGood ?? ModbusValue.Zero(isBoolean);

    /// <summary>Called once the sink took the value; until then the next poll offers it again.</summary>
    public void Sent(ModbusValue value, Quality quality)
    {
        _lastSent = value;
        _sentQuality = quality;
    }
}

using System.Text.Json;
using UnsMes.Uns.Payloads;

namespace UnsMes.EdgePublisher.Modbus;

/// <summary>A decoded tag value: a number (already scaled) or a boolean.</summary>
public readonly record struct ModbusValue(double Number, bool IsBoolean)
{
    public static ModbusValue Of(double number) => new(number, false);

    public static ModbusValue Of(bool value) => new(value ? 1 : 0, true);

    /// <summary>What a tag of this kind reports when nothing good was ever read: 0 or false.</summary>
    public static ModbusValue Zero(bool isBoolean) => new(0, isBoolean);

    public bool Boolean => Number != 0;

    /// <summary>
    /// True when this value should be handed on in place of <paramref name="previous"/>: a boolean that flipped, or
    /// a number that moved by more than the deadband (any change when the deadband is 0).
    /// </summary>
    public bool DiffersFrom(ModbusValue previous, double deadband)
    {
        if (IsBoolean || previous.IsBoolean)
        {
            return IsBoolean != previous.IsBoolean || Boolean != previous.Boolean;
        }

        return deadband > 0 ? Math.Abs(Number - previous.Number) > deadband : !Number.Equals(previous.Number);
    }

    public ProcessValuePayload ToPayload(long timestamp, string unit, Quality quality) =>
        IsBoolean
            ? new ProcessValuePayload
            {
                V = UnsSchema.Version,
                Ts = timestamp,
                Value = JsonSerializer.SerializeToElement(Boolean, UnsJsonContext.Default.Boolean),
                Unit = "",
                Quality = quality,
            }
            : ProcessValuePayload.Number(timestamp, Number, unit, quality);

    public override string ToString() => IsBoolean ? (Boolean ? "true" : "false") : Number.ToString(System.Globalization.CultureInfo.InvariantCulture);
}

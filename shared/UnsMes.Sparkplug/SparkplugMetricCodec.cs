using Google.Protobuf;
using UnsMes.Sparkplug.Protocol;
using Metric = UnsMes.Sparkplug.Protocol.Payload.Types.Metric;

namespace UnsMes.Sparkplug;

/// <summary>
/// Moves canonical values (see <see cref="SparkplugValues"/>) in and out of a metric's value field. Sparkplug has
/// only unsigned integer fields: a signed value travels as its two's-complement bit pattern, Int8..Int32
/// sign-extended to 32 bits in int_value and Int64 in long_value, and the datatype says how to read it back.
/// </summary>
public static class SparkplugMetricCodec
{
    /// <summary>Sets the value field (or is_null) of <paramref name="metric"/> for a canonical value.</summary>
    public static void Write(Metric metric, object? value)
    {
        switch (value)
        {
            case null:
                metric.IsNull = true;
                break;
            case sbyte v:
                metric.IntValue = unchecked((uint)v);
                break;
            case short v:
                metric.IntValue = unchecked((uint)v);
                break;
            case int v:
                metric.IntValue = unchecked((uint)v);
                break;
            case long v:
                metric.LongValue = unchecked((ulong)v);
                break;
            case byte v:
                metric.IntValue = v;
                break;
            case ushort v:
                metric.IntValue = v;
                break;
            case uint v:
                // The specification gives UInt32 the uint32 field; see Read for the other spelling.
                metric.IntValue = v;
                break;
            case ulong v:
                metric.LongValue = v;
                break;
            case float v:
                metric.FloatValue = v;
                break;
            case double v:
                metric.DoubleValue = v;
                break;
            case bool v:
                metric.BooleanValue = v;
                break;
            case string v:
                metric.StringValue = v;
                break;
            case byte[] v:
                metric.BytesValue = ByteString.CopyFrom(v);
                break;
            default:
                throw new ArgumentException($"{value.GetType().Name} is not a canonical Sparkplug value", nameof(value));
        }
    }

    /// <summary>
    /// Reads the value of <paramref name="metric"/> as <paramref name="type"/>. Tolerant of the field a sender chose
    /// where implementations differ (UInt32 in long_value, a Float sent as double); throws
    /// <see cref="FormatException"/> when the value cannot be read as that type.
    /// </summary>
    public static object? Read(Metric metric, SparkplugDataType type)
    {
        if (metric.IsNull)
        {
            return null;
        }

        return type switch
        {
            SparkplugDataType.Int8 => unchecked((sbyte)Bits(metric, type)),
            SparkplugDataType.Int16 => unchecked((short)Bits(metric, type)),
            SparkplugDataType.Int32 => unchecked((int)Bits(metric, type)),
            SparkplugDataType.Int64 or SparkplugDataType.DateTime => unchecked((long)Bits(metric, type)),
            SparkplugDataType.UInt8 => Unsigned(metric, type, byte.MaxValue, bits => (byte)bits),
            SparkplugDataType.UInt16 => Unsigned(metric, type, ushort.MaxValue, bits => (ushort)bits),
            SparkplugDataType.UInt32 => Unsigned(metric, type, uint.MaxValue, bits => (uint)bits),
            SparkplugDataType.UInt64 => Bits(metric, type),
            SparkplugDataType.Float => metric.ValueCase switch
            {
                Metric.ValueOneofCase.FloatValue => metric.FloatValue,
                Metric.ValueOneofCase.DoubleValue => (float)metric.DoubleValue,
                _ => Wrong(metric, type),
            },
            SparkplugDataType.Double => metric.ValueCase switch
            {
                Metric.ValueOneofCase.DoubleValue => metric.DoubleValue,
                Metric.ValueOneofCase.FloatValue => (double)metric.FloatValue,
                _ => Wrong(metric, type),
            },
            SparkplugDataType.Boolean => metric.HasBooleanValue ? metric.BooleanValue : Wrong(metric, type),
            SparkplugDataType.String or SparkplugDataType.Text or SparkplugDataType.UUID =>
                metric.HasStringValue ? metric.StringValue : Wrong(metric, type),
            SparkplugDataType.Bytes or SparkplugDataType.File => metric.HasBytesValue ? metric.BytesValue.ToByteArray() : Wrong(metric, type),
            _ => throw new FormatException($"datatype {type} is not supported (scalar types only)"),
        };
    }

    private static ulong Bits(Metric metric, SparkplugDataType type) => metric.ValueCase switch
    {
        Metric.ValueOneofCase.IntValue => metric.IntValue,
        Metric.ValueOneofCase.LongValue => metric.LongValue,
        _ => (ulong)Wrong(metric, type),
    };

    private static object Unsigned(Metric metric, SparkplugDataType type, ulong max, Func<ulong, object> convert)
    {
        var bits = Bits(metric, type);
        return bits <= max ? convert(bits) : throw new FormatException($"{bits} is out of range for {type}");
    }

    private static object Wrong(Metric metric, SparkplugDataType type) =>
        throw new FormatException($"a {type} metric cannot carry {metric.ValueCase}");
}

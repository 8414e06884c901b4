using System.Globalization;

namespace UnsMes.Sparkplug;

/// <summary>
/// One CLR type per Sparkplug datatype, so that a value has one spelling: 5 (int) and 5L reported for an Int64
/// metric are the same value, and change detection compares like with like.
/// </summary>
/// <remarks>
/// Int8..UInt64 are sbyte, short, int, long, byte, ushort, uint, ulong; Float is float, Double is double, Boolean is
/// bool; String, Text and UUID are string; DateTime is epoch milliseconds (long); Bytes and File are byte[].
/// DataSet, Template, property sets and arrays are neither produced nor read by UnsMes.
/// </remarks>
public static class SparkplugValues
{
    public static bool IsSupported(SparkplugDataType type) => type is >= SparkplugDataType.Int8 and <= SparkplugDataType.UUID
        or SparkplugDataType.Bytes or SparkplugDataType.File;

    /// <summary>Converts <paramref name="value"/> to the datatype's CLR type; throws when it does not fit.</summary>
    public static object? Canonical(SparkplugDataType type, object? value, string metricName)
    {
        if (!IsSupported(type))
        {
            throw new ArgumentException($"metric '{metricName}': datatype {type} is not supported (scalar types only)", nameof(type));
        }

        if (value is null)
        {
            return null;
        }

        try
        {
            object canonical = type switch
            {
                SparkplugDataType.Int8 => checked((sbyte)Integer(value)),
                SparkplugDataType.Int16 => checked((short)Integer(value)),
                SparkplugDataType.Int32 => checked((int)Integer(value)),
                SparkplugDataType.Int64 => checked((long)Integer(value)),
                SparkplugDataType.UInt8 => checked((byte)Integer(value)),
                SparkplugDataType.UInt16 => checked((ushort)Integer(value)),
                SparkplugDataType.UInt32 => checked((uint)Integer(value)),
                SparkplugDataType.UInt64 => checked((ulong)Integer(value)),
                SparkplugDataType.Float => (float)Real(value),
                SparkplugDataType.Double => Real(value),
                SparkplugDataType.Boolean => value is bool b ? b : Mismatch(value),
                SparkplugDataType.String or SparkplugDataType.Text => value as string ?? Mismatch(value),
                SparkplugDataType.UUID => value switch { Guid g => g.ToString("D"), string s => s, _ => Mismatch(value) },
                SparkplugDataType.DateTime => value switch
                {
                    DateTimeOffset t => t.ToUnixTimeMilliseconds(),
                    DateTime { Kind: DateTimeKind.Utc } t => new DateTimeOffset(t).ToUnixTimeMilliseconds(),
                    _ => checked((long)Integer(value)),
                },
                _ => value switch { byte[] bytes => bytes, ReadOnlyMemory<byte> memory => memory.ToArray(), _ => Mismatch(value) },
            };
            return canonical;
        }
        catch (Exception ex) when (ex is OverflowException or InvalidCastException)
        {
            throw new ArgumentException($"metric '{metricName}': {Describe(value)} is not a valid {type} value ({ex.Message})", nameof(value), ex);
        }
    }

    /// <summary>Value equality for canonical values (byte arrays by content).</summary>
    public static bool AreEqual(object? a, object? b) =>
        a is byte[] x && b is byte[] y ? x.AsSpan().SequenceEqual(y) : Equals(a, b);

    private static Int128 Integer(object value) => value switch
    {
        sbyte v => v,
        byte v => v,
        short v => v,
        ushort v => v,
        int v => v,
        uint v => v,
        long v => v,
        ulong v => v,
        _ => throw new InvalidCastException($"{Describe(value)} is not an integer"),
    };

    private static double Real(object value) => value switch
    {
        float v => v,
        double v => v,
        decimal v => (double)v,
        _ => (double)Integer(value),
    };

    private static object Mismatch(object value) => throw new InvalidCastException($"{Describe(value)} has the wrong type");

    private static string Describe(object value) =>
        string.Create(CultureInfo.InvariantCulture, $"{value} ({value.GetType().Name})");
}

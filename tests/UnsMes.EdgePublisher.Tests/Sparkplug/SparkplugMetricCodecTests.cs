using System.Reflection;
using Google.Protobuf.Reflection;
using UnsMes.EdgePublisher.Sparkplug;
using UnsMes.Sparkplug;
using UnsMes.Sparkplug.Protocol;
using Metric = UnsMes.Sparkplug.Protocol.Payload.Types.Metric;

namespace UnsMes.EdgePublisher.Tests.Sparkplug;

public class SparkplugMetricCodecTests
{
    // The datatype is passed as its wire code: test methods are public, the edge publisher's types are internal.
    [TestCase(1u, (sbyte)-1, 0xFFFF_FFFFu)]
    [TestCase(2u, (short)-300, 0xFFFF_FED4u)]
    [TestCase(3u, int.MinValue, 0x8000_0000u)]
    [TestCase(3u, 42, 42u)]
    public void Write_SignedSmallInteger_TravelsAsTwosComplementInIntValueAndReadsBack(uint code, object value, uint wire)
    {
        var type = (SparkplugDataType)code;
        var metric = new Metric();

        SparkplugMetricCodec.Write(metric, SparkplugValues.Canonical(type, value, "m"));

        Assert.Multiple(() =>
        {
            Assert.That(metric.ValueCase, Is.EqualTo(Metric.ValueOneofCase.IntValue));
            Assert.That(metric.IntValue, Is.EqualTo(wire));
            Assert.That(SparkplugMetricCodec.Read(metric, type), Is.EqualTo(value));
        });
    }

    [TestCase(-1L, ulong.MaxValue)]
    [TestCase(long.MinValue, 0x8000_0000_0000_0000UL)]
    public void Write_NegativeInt64_TravelsAsTwosComplementInLongValueAndReadsBack(long value, ulong wire)
    {
        var metric = new Metric();

        SparkplugMetricCodec.Write(metric, value);

        Assert.Multiple(() =>
        {
            Assert.That(metric.LongValue, Is.EqualTo(wire));
            Assert.That(SparkplugMetricCodec.Read(metric, SparkplugDataType.Int64), Is.EqualTo(value));
        });
    }

    [Test]
    public void Read_Int8SentAsEightBitPattern_ReadsTheSameValue()
    {
        Assert.That(SparkplugMetricCodec.Read(new Metric { IntValue = 0xFF }, SparkplugDataType.Int8), Is.EqualTo((sbyte)-1));
    }

    [Test]
    public void Read_UInt32InEitherField_IsAccepted()
    {
        Assert.Multiple(() =>
        {
            Assert.That(SparkplugMetricCodec.Read(new Metric { IntValue = uint.MaxValue }, SparkplugDataType.UInt32), Is.EqualTo(uint.MaxValue));
            Assert.That(SparkplugMetricCodec.Read(new Metric { LongValue = 7 }, SparkplugDataType.UInt32), Is.EqualTo(7u));
            Assert.That(() => SparkplugMetricCodec.Read(new Metric { LongValue = 1UL << 40 }, SparkplugDataType.UInt32), Throws.TypeOf<FormatException>());
        });
    }

    [Test]
    public void Write_Null_SetsIsNullAndNoValue()
    {
        var metric = new Metric();

        SparkplugMetricCodec.Write(metric, null);

        Assert.Multiple(() =>
        {
            Assert.That(metric.IsNull, Is.True);
            Assert.That(metric.ValueCase, Is.EqualTo(Metric.ValueOneofCase.None));
            Assert.That(SparkplugMetricCodec.Read(metric, SparkplugDataType.Double), Is.Null);
        });
    }

    [Test]
    public void MetricValue_IntegerOfAnotherClrType_IsStoredAsTheDatatypesType()
    {
        Assert.Multiple(() =>
        {
            Assert.That(new SparkplugMetricValue("good", SparkplugDataType.Int64, 5, 0).Value, Is.TypeOf<long>().And.EqualTo(5L));
            Assert.That(new SparkplugMetricValue("scrap", SparkplugDataType.UInt64, 5, 0).Value, Is.TypeOf<ulong>());
            Assert.That(new SparkplugMetricValue("t", SparkplugDataType.Double, 5, 0).Value, Is.TypeOf<double>());
            Assert.That(new SparkplugMetricValue("at", SparkplugDataType.DateTime, DateTimeOffset.FromUnixTimeMilliseconds(1234), 0).Value, Is.EqualTo(1234L));
        });
    }

    [Test]
    public void MetricValue_ValueThatDoesNotFit_Throws()
    {
        Assert.Multiple(() =>
        {
            Assert.That(() => new SparkplugMetricValue("good", SparkplugDataType.UInt64, -1, 0), Throws.ArgumentException);
            Assert.That(() => new SparkplugMetricValue("small", SparkplugDataType.Int8, 200, 0), Throws.ArgumentException);
            Assert.That(() => new SparkplugMetricValue("t", SparkplugDataType.Double, "hot", 0), Throws.ArgumentException);
            Assert.That(() => new SparkplugMetricValue("table", SparkplugDataType.DataSet, null, 0), Throws.ArgumentException);
            Assert.That(() => new SparkplugMetricValue(" ", SparkplugDataType.String, "x", 0), Throws.ArgumentException);
            Assert.That(() => new SparkplugMetricValue("x", SparkplugDataType.String, "x", -1), Throws.InstanceOf<ArgumentOutOfRangeException>());
        });
    }

    [Test]
    public void Device_DuplicateLiveMetricName_Throws()
    {
        Assert.That(() => new SparkplugDevice("cnc01",
        [
            new SparkplugMetricValue("State", SparkplugDataType.String, "idle", 0),
            new SparkplugMetricValue("State", SparkplugDataType.String, "running", 1),
        ]), Throws.ArgumentException);
    }

    [Test]
    public void DataType_EveryCode_MatchesTheSchemasEnum()
    {
        var schema = typeof(DataType).GetFields(BindingFlags.Public | BindingFlags.Static)
            .ToDictionary(f => (uint)(int)f.GetValue(null)!, f => f.GetCustomAttribute<OriginalNameAttribute>()!.Name);

        Assert.That(Enum.GetValues<SparkplugDataType>().ToDictionary(t => (uint)t, t => t.ToString()), Is.EqualTo(schema));
    }

    [Test]
    public void Schema_FieldNumbers_AreTheSpecifications()
    {
        Assert.Multiple(() =>
        {
            Assert.That(Numbers(Payload.Descriptor), Is.EqualTo(new Dictionary<string, int>
            {
                ["timestamp"] = 1, ["metrics"] = 2, ["seq"] = 3, ["uuid"] = 4, ["body"] = 5,
            }));
            Assert.That(Numbers(Metric.Descriptor), Is.EqualTo(new Dictionary<string, int>
            {
                ["name"] = 1, ["alias"] = 2, ["timestamp"] = 3, ["datatype"] = 4, ["is_historical"] = 5, ["is_transient"] = 6,
                ["is_null"] = 7, ["metadata"] = 8, ["properties"] = 9, ["int_value"] = 10, ["long_value"] = 11, ["float_value"] = 12,
                ["double_value"] = 13, ["boolean_value"] = 14, ["string_value"] = 15, ["bytes_value"] = 16, ["dataset_value"] = 17,
                ["template_value"] = 18, ["extension_value"] = 19,
            }));
            Assert.That(Payload.Descriptor.FullName, Is.EqualTo("org.eclipse.tahu.protobuf.Payload"));
            Assert.That(Metric.Descriptor.FindFieldByName("int_value").FieldType, Is.EqualTo(FieldType.UInt32));
            Assert.That(Metric.Descriptor.FindFieldByName("long_value").FieldType, Is.EqualTo(FieldType.UInt64));
        });
    }

    private static Dictionary<string, int> Numbers(MessageDescriptor descriptor) =>
        descriptor.Fields.InFieldNumberOrder().ToDictionary(f => f.Name, f => f.FieldNumber);
}

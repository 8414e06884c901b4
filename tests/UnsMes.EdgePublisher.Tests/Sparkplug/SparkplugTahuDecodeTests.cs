using System.Globalization;
using System.Text.Json;
using Microsoft.Extensions.Time.Testing;
using UnsMes.EdgePublisher.Sparkplug;
using UnsMes.Sparkplug;
using static UnsMes.EdgePublisher.Tests.Sparkplug.SparkplugTestData;

namespace UnsMes.EdgePublisher.Tests.Sparkplug;

/// <summary>Payloads from the C# encoder, decoded by Eclipse Tahu's independent JavaScript decoder.</summary>
public class SparkplugTahuDecodeTests
{
    // NUnit shares one fixture instance between its tests, so each test gets its own clock here.
    private FakeTimeProvider _time = null!;

    [SetUp]
    public void StartClock() => _time = new FakeTimeProvider(Start);

    [OneTimeSetUp]
    public Task InstallDecoder() => TahuDecoder.RequireAsync();

    [Test]
    public async Task TahuDecoder_Nbirth_ReadsSeqTimestampBdSeqRebirthAndNodeMetrics()
    {
        var node = Node(_time, [new SparkplugMetricValue("Properties/Version", SparkplugDataType.String, "1.4.0", StartMs - 10)], firstBdSeq: 7);
        node.StartSession();

        var decoded = await TahuDecoder.DecodeAsync(node.Birth()[0].ToBytes());

        var metrics = decoded.GetProperty("metrics");
        Assert.Multiple(() =>
        {
            Assert.That(decoded.GetProperty("seq").GetString(), Is.EqualTo("0"));
            Assert.That(decoded.GetProperty("timestamp").GetString(), Is.EqualTo(StartMs.ToString(CultureInfo.InvariantCulture)));
            Assert.That(Names(metrics), Is.EqualTo(new[] { "bdSeq", "Node Control/Rebirth", "Properties/Version" }));
            Assert.That(Types(metrics), Is.EqualTo(new[] { "Int64", "Boolean", "String" }));
            Assert.That(metrics[0].GetProperty("value").GetString(), Is.EqualTo("7"));
            Assert.That(metrics[1].GetProperty("value").GetBoolean(), Is.False);
            Assert.That(metrics[2].GetProperty("value").GetString(), Is.EqualTo("1.4.0"));
            Assert.That(metrics[2].GetProperty("timestamp").GetString(), Is.EqualTo((StartMs - 10).ToString(CultureInfo.InvariantCulture)));
        });
    }

    [Test]
    public async Task TahuDecoder_Dbirth_ReadsEveryDatatypeTheEdgeNodeWrites()
    {
        var node = Node(_time);
        node.Report(new SparkplugDevice("cnc01",
        [
            new SparkplugMetricValue("State", SparkplugDataType.String, "running", StartMs),
            new SparkplugMetricValue("Counts/Good", SparkplugDataType.Int64, 1_234_567_890_123L, StartMs),
            new SparkplugMetricValue("Counts/Scrap", SparkplugDataType.UInt64, ulong.MaxValue, StartMs),
            new SparkplugMetricValue("Counts/Delta", SparkplugDataType.Int64, -42L, StartMs),
            new SparkplugMetricValue("Process/Temperature", SparkplugDataType.Double, 71.25, StartMs),
            new SparkplugMetricValue("Process/Speed", SparkplugDataType.Float, 1.5f, StartMs),
            new SparkplugMetricValue("Raw/Int8", SparkplugDataType.Int8, (sbyte)-1, StartMs),
            new SparkplugMetricValue("Raw/Int16", SparkplugDataType.Int16, (short)-300, StartMs),
            new SparkplugMetricValue("Raw/Int32", SparkplugDataType.Int32, int.MinValue, StartMs),
            new SparkplugMetricValue("Raw/UInt8", SparkplugDataType.UInt8, (byte)200, StartMs),
            new SparkplugMetricValue("Raw/UInt16", SparkplugDataType.UInt16, (ushort)60_000, StartMs),
            new SparkplugMetricValue("Flags/Door", SparkplugDataType.Boolean, true, StartMs),
            new SparkplugMetricValue("Job/Started", SparkplugDataType.DateTime, StartMs - 3_600_000, StartMs),
            new SparkplugMetricValue("Job/Note", SparkplugDataType.Text, "change tool T4", StartMs),
            new SparkplugMetricValue("Job/Operator", SparkplugDataType.String, null, StartMs),
        ]));
        node.StartSession();
        var dbirth = node.Birth()[1];

        var decoded = await TahuDecoder.DecodeAsync(dbirth.ToBytes());

        var metrics = decoded.GetProperty("metrics");
        var value = metrics.EnumerateArray().ToDictionary(m => m.GetProperty("name").GetString()!, m => m.GetProperty("value"));
        Assert.Multiple(() =>
        {
            Assert.That(decoded.GetProperty("seq").GetString(), Is.EqualTo("1"));
            Assert.That(Types(metrics), Is.EqualTo(new[]
            {
                "String", "Int64", "UInt64", "Int64", "Double", "Float", "Int8", "Int16", "Int32", "UInt8", "UInt16", "Boolean", "DateTime", "Text", "String",
            }));
            Assert.That(metrics.EnumerateArray().All(m => m.TryGetProperty("alias", out _)), Is.True);
            Assert.That(value["State"].GetString(), Is.EqualTo("running"));
            Assert.That(value["Counts/Good"].GetString(), Is.EqualTo("1234567890123"));
            Assert.That(value["Counts/Scrap"].GetString(), Is.EqualTo("18446744073709551615"));
            Assert.That(value["Counts/Delta"].GetString(), Is.EqualTo("-42"), "Int64 as two's complement in long_value");
            Assert.That(value["Process/Temperature"].GetDouble(), Is.EqualTo(71.25));
            Assert.That(value["Process/Speed"].GetDouble(), Is.EqualTo(1.5));
            Assert.That(value["Raw/Int8"].GetInt32(), Is.EqualTo(-1), "Int8 as two's complement in int_value");
            Assert.That(value["Raw/Int16"].GetInt32(), Is.EqualTo(-300));
            Assert.That(value["Raw/Int32"].GetInt32(), Is.EqualTo(int.MinValue));
            Assert.That(value["Raw/UInt8"].GetInt32(), Is.EqualTo(200));
            Assert.That(value["Raw/UInt16"].GetInt32(), Is.EqualTo(60_000));
            Assert.That(value["Flags/Door"].GetBoolean(), Is.True);
            Assert.That(value["Job/Started"].GetString(), Is.EqualTo((StartMs - 3_600_000).ToString(CultureInfo.InvariantCulture)));
            Assert.That(value["Job/Note"].GetString(), Is.EqualTo("change tool T4"));
            Assert.That(value["Job/Operator"].ValueKind, Is.EqualTo(JsonValueKind.Null));
        });
    }

    [Test]
    public async Task TahuDecoder_Ddata_ReadsAliasDatatypeValueSeqAndTimestampOfTheChangedMetricOnly()
    {
        var node = Node(_time);
        node.Report(Machine("cnc01", good: 10));
        node.StartSession();
        var dbirth = await TahuDecoder.DecodeAsync(node.Birth()[1].ToBytes());
        _time.Advance(TimeSpan.FromSeconds(2));

        var decoded = await TahuDecoder.DecodeAsync(node.Report(Machine("cnc01", good: 11, atMs: StartMs + 1500)).Single().ToBytes());

        var metric = decoded.GetProperty("metrics").EnumerateArray().Single();
        var goodAlias = dbirth.GetProperty("metrics").EnumerateArray().Single(m => m.GetProperty("name").GetString() == "Counts/Good").GetProperty("alias");
        Assert.Multiple(() =>
        {
            Assert.That(decoded.GetProperty("seq").GetString(), Is.EqualTo("2"));
            Assert.That(decoded.GetProperty("timestamp").GetString(), Is.EqualTo((StartMs + 2000).ToString(CultureInfo.InvariantCulture)));
            Assert.That(metric.TryGetProperty("name", out _), Is.False);
            Assert.That(metric.GetProperty("alias").GetString(), Is.EqualTo(goodAlias.GetString()));
            Assert.That(metric.GetProperty("type").GetString(), Is.EqualTo("Int64"));
            Assert.That(metric.GetProperty("value").GetString(), Is.EqualTo("11"));
            Assert.That(metric.GetProperty("timestamp").GetString(), Is.EqualTo((StartMs + 1500).ToString(CultureInfo.InvariantCulture)));
        });
    }

    [Test]
    public async Task TahuDecoder_Ndeath_ReadsBdSeqAndNoSeq()
    {
        var node = Node(_time, firstBdSeq: 200);

        var decoded = await TahuDecoder.DecodeAsync(node.StartSession().ToBytes());

        var metric = decoded.GetProperty("metrics").EnumerateArray().Single();
        Assert.Multiple(() =>
        {
            Assert.That(decoded.TryGetProperty("seq", out _), Is.False);
            Assert.That(metric.GetProperty("name").GetString(), Is.EqualTo("bdSeq"));
            Assert.That(metric.GetProperty("type").GetString(), Is.EqualTo("Int64"));
            Assert.That(metric.GetProperty("value").GetString(), Is.EqualTo("200"));
        });
    }

    private static string?[] Names(JsonElement metrics) => [.. metrics.EnumerateArray().Select(m => m.GetProperty("name").GetString())];

    private static string?[] Types(JsonElement metrics) => [.. metrics.EnumerateArray().Select(m => m.GetProperty("type").GetString())];
}

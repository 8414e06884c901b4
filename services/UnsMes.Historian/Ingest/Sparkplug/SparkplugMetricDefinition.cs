using UnsMes.Historian.Model;
using UnsMes.Sparkplug;

namespace UnsMes.Historian.Ingest.Sparkplug;

/// <summary>
/// One metric as a birth defined it: its name, tag and datatype, and the last live value recorded (a death marks
/// that value bad). <see cref="Kind"/> is null for datatypes the historian does not keep (bytes, data sets,
/// templates, arrays): their values are passed over.
/// </summary>
internal sealed class SparkplugMetricDefinition(string name, string tag, SparkplugDataType type)
{
    public string Name { get; } = name;

    public string Tag { get; } = tag;

    public SparkplugDataType Type { get; } = type;

    public TagKind? Kind { get; } = KindOf(type);

    /// <summary>The last live value recorded, or null before the first one.</summary>
    public HistoryPoint? Last { get; set; }

    public static TagKind? KindOf(SparkplugDataType type) => type switch
    {
        >= SparkplugDataType.Int8 and <= SparkplugDataType.Double or SparkplugDataType.DateTime => TagKind.Number,
        SparkplugDataType.Boolean => TagKind.Boolean,
        SparkplugDataType.String or SparkplugDataType.Text or SparkplugDataType.UUID => TagKind.Text,
        _ => null,
    };
}

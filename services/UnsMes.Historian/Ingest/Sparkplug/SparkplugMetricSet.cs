namespace UnsMes.Historian.Ingest.Sparkplug;

/// <summary>The metrics one birth defined for its owner (an edge node or one device), by alias and by name.</summary>
internal sealed class SparkplugMetricSet(string tagPrefix)
{
    private readonly Dictionary<ulong, SparkplugMetricDefinition> _byAlias = [];
    private readonly Dictionary<string, SparkplugMetricDefinition> _byName = new(StringComparer.Ordinal);

    public string TagPrefix { get; } = tagPrefix;

    public IEnumerable<SparkplugMetricDefinition> Metrics => _byName.Values;

    /// <summary>Defines a metric of the birth; a repeated name or alias replaces the earlier definition.</summary>
    public void Define(SparkplugMetricDefinition definition, ulong? alias)
    {
        _byName[definition.Name] = definition;
        if (alias is { } a)
        {
            _byAlias[a] = definition;
        }
    }

    public SparkplugMetricDefinition? Find(string? name, ulong? alias) =>
        alias is { } a ? _byAlias.GetValueOrDefault(a) : name is null ? null : _byName.GetValueOrDefault(name);
}

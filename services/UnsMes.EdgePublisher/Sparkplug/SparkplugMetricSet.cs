using UnsMes.Sparkplug;

namespace UnsMes.EdgePublisher.Sparkplug;

/// <summary>
/// What one birth announced for its owner (the edge node or one device): each metric's alias and datatype, in birth
/// order, and the last live value sent, so that data messages carry only what changed.
/// </summary>
internal sealed class SparkplugMetricSet
{
    private readonly List<Definition> _definitions = [];
    private readonly Dictionary<string, Definition> _byName = new(StringComparer.Ordinal);
    private readonly Dictionary<ulong, Definition> _byAlias = [];

    /// <summary>Defines the set from live values, taking each metric's alias from <paramref name="aliasFor"/>.</summary>
    public SparkplugMetricSet(IEnumerable<SparkplugMetricValue> live, Func<string, ulong> aliasFor)
    {
        foreach (var value in live.Where(v => !v.IsHistorical))
        {
            var definition = new Definition(aliasFor(value.Name), value.Type) { Last = value };
            _definitions.Add(definition);
            _byName.Add(value.Name, definition);
            _byAlias.Add(definition.Alias, definition);
        }
    }

    /// <summary>The birth's metrics: alias and current value of each, in birth order.</summary>
    public IEnumerable<(ulong Alias, SparkplugMetricValue Value)> Current => _definitions.Select(d => (d.Alias, d.Last));

    /// <summary>
    /// Checks a reported metric list: names are not blank, each name has exactly one live value, and a historical
    /// value has the datatype of the live value of its name.
    /// </summary>
    public static IReadOnlyList<SparkplugMetricValue> Validate(IReadOnlyList<SparkplugMetricValue> metrics, string parameterName)
    {
        ArgumentNullException.ThrowIfNull(metrics, parameterName);
        var live = new Dictionary<string, SparkplugDataType>(StringComparer.Ordinal);
        foreach (var value in metrics.Where(v => !v.IsHistorical))
        {
            if (!live.TryAdd(value.Name, value.Type))
            {
                throw new ArgumentException($"metric '{value.Name}' has more than one live value", parameterName);
            }
        }

        foreach (var value in metrics.Where(v => v.IsHistorical))
        {
            if (!live.TryGetValue(value.Name, out var type) || type != value.Type)
            {
                throw new ArgumentException($"historical value of '{value.Name}' has no live {value.Type} metric of that name", parameterName);
            }
        }

        return metrics;
    }

    /// <summary>True when <paramref name="metrics"/> has exactly the names and datatypes of this set.</summary>
    public bool HasShapeOf(IReadOnlyList<SparkplugMetricValue> metrics)
    {
        var live = metrics.Where(v => !v.IsHistorical).ToList();
        return live.Count == _definitions.Count
            && live.All(v => _byName.TryGetValue(v.Name, out var definition) && definition.Type == v.Type);
    }

    /// <summary>
    /// The metrics a data message must carry: live values that differ from the last one sent (which they replace)
    /// and every historical value, each a separate late reading. Call only with a list of this set's shape.
    /// </summary>
    public List<(ulong Alias, SparkplugMetricValue Value)> TakeChanges(IReadOnlyList<SparkplugMetricValue> metrics)
    {
        var changes = new List<(ulong, SparkplugMetricValue)>();
        foreach (var value in metrics)
        {
            var definition = _byName[value.Name];
            if (value.IsHistorical)
            {
                changes.Add((definition.Alias, value));
            }
            else if (!SparkplugValues.AreEqual(definition.Last.Value, value.Value))
            {
                definition.Last = value;
                changes.Add((definition.Alias, value));
            }
        }

        return changes;
    }

    /// <summary>Finds a metric a host named in a command, by name or (when the name is left out) by alias.</summary>
    public bool TryFind(string? name, ulong? alias, out string foundName, out SparkplugDataType type)
    {
        Definition? definition = null;
        var found = name is not null
            ? _byName.TryGetValue(name, out definition)
            : alias is { } a && _byAlias.TryGetValue(a, out definition);
        foundName = found ? definition!.Last.Name : "";
        type = found ? definition!.Type : SparkplugDataType.Unknown;
        return found;
    }

    private sealed class Definition(ulong alias, SparkplugDataType type)
    {
        public ulong Alias { get; } = alias;
        public SparkplugDataType Type { get; } = type;
        public required SparkplugMetricValue Last { get; set; }
    }
}

namespace UnsMes.EdgePublisher.Sparkplug;

/// <summary>
/// Hands out metric aliases, unique across the whole edge node as the specification requires, and keeps them for
/// the life of the process: a rebirth or a device coming back reuses the alias its metric had.
/// </summary>
internal sealed class SparkplugAliases
{
    private readonly Dictionary<(string Owner, string Metric), ulong> _aliases = [];

    /// <summary>The alias of <paramref name="metric"/> of a device, or of the node itself when the owner is null.</summary>
    public ulong For(string? deviceId, string metric)
    {
        // Device ids cannot contain '/', so "/" can stand for the node without clashing with a device.
        var key = (deviceId ?? "/", metric);
        if (!_aliases.TryGetValue(key, out var alias))
        {
            alias = (ulong)_aliases.Count;
            _aliases.Add(key, alias);
        }

        return alias;
    }
}

namespace UnsMes.Wip.Domain;

/// <summary>
/// The last few thousand command ids and event keys seen, so a message delivered twice (QoS 1 after a reconnect) is
/// acted on once. Kept in the snapshot, so the guard holds across a restart too.
/// </summary>
internal sealed class RecentKeys
{
    private const int Capacity = 10_000;
    private HashSet<string>? _lookup;

    /// <summary>Oldest first; public for the snapshot.</summary>
    public List<string> Keys { get; set; } = [];

    /// <summary>True the first time a key is seen; false for a repeat.</summary>
    public bool TryAdd(string key)
    {
        _lookup ??= new HashSet<string>(Keys, StringComparer.Ordinal);
        if (!_lookup.Add(key))
        {
            return false;
        }

        Keys.Add(key);
        if (Keys.Count > Capacity)
        {
            _lookup.Remove(Keys[0]);
            Keys.RemoveAt(0);
        }

        return true;
    }
}

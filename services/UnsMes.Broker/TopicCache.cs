using System.Collections.Concurrent;

namespace UnsMes.Broker;

/// <summary>
/// A bounded cache of what the broker works out once per topic (its parse, a user's right to publish there). Topics
/// repeat, every tag of every machine many times a second, so each is worked out once; past the bound the cache
/// starts over rather than grow without limit.
/// </summary>
/// <remarks>
/// The entries are counted here on insertion: <see cref="ConcurrentDictionary{TKey,TValue}.Count"/> takes every
/// internal lock of the dictionary (up to 1,024 once it has grown), far too slow to ask on every publish.
/// </remarks>
internal sealed class TopicCache<TValue>(int capacity)
{
    private readonly ConcurrentDictionary<string, TValue> _entries = new(StringComparer.Ordinal);
    private int _count;

    public TValue GetOrAdd<TState>(string topic, Func<string, TState, TValue> compute, TState state)
    {
        if (_entries.TryGetValue(topic, out var cached))
        {
            return cached;
        }

        var value = compute(topic, state);
        if (_entries.TryAdd(topic, value) && Interlocked.Increment(ref _count) > capacity)
        {
            // Rare and approximate under concurrent inserts, which only means a few entries more or fewer.
            _entries.Clear();
            Interlocked.Exchange(ref _count, 0);
        }

        return value;
    }
}

using UnsMes.Wip.Domain;

namespace UnsMes.Wip.Streaming;

/// <summary>The tracker behind a lock: messages change it one at a time while the API reads consistent figures.</summary>
internal sealed class WipEngine(WipTracker tracker)
{
    private readonly Lock _gate = new();

    public T Read<T>(Func<WipTracker, T> read)
    {
        lock (_gate)
        {
            return read(tracker);
        }
    }

    public string? Apply(Func<WipTracker, string?> change)
    {
        lock (_gate)
        {
            return change(tracker);
        }
    }
}

namespace UnsMes.EdgePublisher.Simulation;

/// <summary>Parts waiting between two machines; a full buffer blocks the machine upstream, an empty one starves the one downstream.</summary>
internal sealed class LineBuffer(int capacity)
{
    public int Capacity { get; } = capacity;

    public int Count { get; private set; }

    public bool IsFull => Count >= Capacity;

    public bool TryPut()
    {
        if (IsFull)
        {
            return false;
        }

        Count++;
        return true;
    }

    public bool TryTake()
    {
        if (Count == 0)
        {
            return false;
        }

        Count--;
        return true;
    }
}

namespace UnsMes.Oee.Domain;

/// <summary>
/// One window with its extent in epoch milliseconds (end exclusive). A work-order window starts at the first time
/// booked under it and has no end until the caller ends the work order.
/// </summary>
public sealed record OeeWindow(WindowKind Kind, string Id, long StartMs, long? EndMs)
{
    public WindowKey Key => new(Kind, Id);

    public bool Contains(long atMs) => atMs >= StartMs && (EndMs is not { } end || atMs < end);
}

namespace UnsMes.Oee.Domain;

/// <summary>
/// Time a state segment has booked into one window under one category and reason. A segment keeps its entries so
/// that when it changes (a late state splits it, a stop passes the threshold, an operator gives the reason) exactly
/// what it booked can be taken back before the new figures are booked.
/// </summary>
internal readonly record struct LedgerEntry(WindowKey Window, TimeCategory Category, string? Reason, long Ms)
{
    public bool SameBucket(LedgerEntry other) =>
        Window == other.Window && Category == other.Category && string.Equals(Reason, other.Reason, StringComparison.Ordinal);
}

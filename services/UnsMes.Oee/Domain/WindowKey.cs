namespace UnsMes.Oee.Domain;

/// <summary>
/// Names one window: <c>Hour "2026-11-23T10"</c>, <c>Day "2026-11-23"</c>, <c>Shift "2026-11-23/A"</c> or
/// <c>WorkOrder "WO-1001"</c>.
/// </summary>
public readonly record struct WindowKey(WindowKind Kind, string Id)
{
    public override string ToString() => $"{Kind} {Id}";
}

namespace UnsMes.Oee.Domain;

/// <summary>
/// The calculator's whole state, for a restart: restoring it and feeding the same inputs gives the same figures as if
/// the calculator had never stopped. Configuration (calendar, thresholds) is not part of it. Serialize with
/// <see cref="OeeSnapshotJson"/>.
/// </summary>
public sealed record OeeSnapshot(
    int SchemaVersion,
    WindowRegistrySnapshot Windows,
    IReadOnlyList<LineOutputSnapshot> LineOutputs,
    IReadOnlyList<MachineSnapshot> Machines)
{
    /// <summary>Raised whenever the shape changes; a snapshot of another version is refused rather than misread.</summary>
    public const int CurrentSchemaVersion = 1;
}

public sealed record WindowRegistrySnapshot(long WatermarkMs, IReadOnlyList<WindowSnapshot> Windows);

/// <summary>A known window; for a work order also the latest count booked under it.</summary>
public sealed record WindowSnapshot(WindowKind Kind, string Id, long StartMs, long? EndMs, long? LastCountMs);

/// <summary>A line whose output machine the caller chose (others default to their last machine).</summary>
public sealed record LineOutputSnapshot(string Line, string OutputCell);

/// <summary>One machine, listed in registration order (which is the routing order within each line).</summary>
public sealed record MachineSnapshot(
    string Cell,
    long BookedUntilMs,
    CounterValue? Counter,
    double? LatestIdealCycleTimeS,
    IReadOnlyList<SegmentSnapshot> Segments,
    IReadOnlyList<TallySnapshot> Tallies);

/// <summary>A state segment of the kept history with what it booked (downtime episodes are derived from these again).</summary>
public sealed record SegmentSnapshot(
    long StartMs,
    MachineStateChange Report,
    string? OperatorReasonCode,
    string? OperatorReasonText,
    IReadOnlyList<BookingSnapshot> Booked);

public sealed record BookingSnapshot(WindowKind Kind, string Window, TimeCategory Category, string? Reason, long Ms);

public sealed record TallySnapshot(
    WindowKind Kind,
    string Window,
    long RunningMs,
    long MicroStopMs,
    long SetupMs,
    IReadOnlyDictionary<string, long> AvailabilityMs,
    long Good,
    long Scrap,
    double IdealS,
    double IdealScrapS,
    double LineIdealS,
    double LineIdealScrapS,
    string? ProductId);

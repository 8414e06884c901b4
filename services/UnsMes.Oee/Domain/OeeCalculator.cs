using UnsMes.Uns.Calendar;
using UnsMes.Uns.Topics;

namespace UnsMes.Oee.Domain;

/// <summary>
/// The OEE calculation core: takes machine states and counters as they arrive (late and out of order included),
/// books time and units into hour, day, shift and work-order windows, and answers the OEE of any cell, line, area or
/// site over any known window. Pure and single-threaded: no clock, no I/O; time comes with the inputs and
/// <see cref="AdvanceTo"/>. Definitions and worked examples: docs/oee.md.
/// </summary>
public sealed class OeeCalculator
{
    private readonly long _microStopThresholdMs;
    private readonly long _historyHorizonMs;
    private readonly WindowRegistry _windows;
    private readonly PlantLayout _layout;
    private readonly Dictionary<IsaPath, MachineAccount> _machines = [];
    private readonly TimeBooking _booking;
    private readonly UnitBooking _units;
    private readonly List<OeeNotice> _pendingNotices = [];

    /// <summary>How far event time may run ahead of the machines' bookings before all of them are caught up.</summary>
    private const long CatchUpEveryMs = 60_000;

    /// <summary>The watermark every machine's booking was last extended to; it only spares reads a needless pass.</summary>
    private long _caughtUpToMs;

    public OeeCalculator(ShiftCalendar calendar, OeeCalculationOptions? options = null)
        : this(calendar, options ?? new OeeCalculationOptions(), snapshot: null)
    {
    }

    private OeeCalculator(ShiftCalendar calendar, OeeCalculationOptions options, OeeSnapshot? snapshot)
    {
        ArgumentNullException.ThrowIfNull(calendar);
        options.Validate();
        _microStopThresholdMs = (long)options.MicroStopThreshold.TotalMilliseconds;
        _historyHorizonMs = (long)options.HistoryHorizon.TotalMilliseconds;
        var latenessMs = (long)options.AllowedLateness.TotalMilliseconds;
        _windows = snapshot is null ? new WindowRegistry(latenessMs) : WindowRegistry.FromSnapshot(snapshot.Windows, latenessMs);
        _layout = snapshot is null ? new PlantLayout() : PlantLayout.FromSnapshot(snapshot.Machines.Select(m => m.Cell), snapshot.LineOutputs);
        foreach (var machine in snapshot?.Machines ?? [])
        {
            var account = SnapshotMapping.FromSnapshot(machine, _microStopThresholdMs);
            _machines[account.Cell] = account;
        }

        _booking = new TimeBooking(new WindowCalendar(calendar), _windows, _microStopThresholdMs);
        _units = new UnitBooking(_booking, _windows);
    }

    /// <summary>The latest time known to have passed: the newest input time or wall-clock time seen.</summary>
    public long WatermarkMs => _windows.WatermarkMs;

    /// <summary>Machines in registration order (routing order within each line).</summary>
    public IReadOnlyList<IsaPath> Machines => _layout.Machines;

    /// <summary>Every scope with figures: the machines, their lines, areas and sites.</summary>
    public IReadOnlyList<IsaPath> Scopes =>
        [.. _layout.Machines, .. _layout.Lines, .. _layout.Lines.Select(l => l.Parent).Distinct(), .. _layout.Lines.Select(l => l.Parent.Parent).Distinct()];

    /// <summary>The windows booked into and not yet forgotten, by start.</summary>
    public IReadOnlyList<OeeWindow> Windows =>
        [.. _windows.All.OrderBy(w => w.StartMs).ThenBy(w => w.Kind).ThenBy(w => w.Id, StringComparer.Ordinal)];

    /// <summary>Restores a calculator from a snapshot taken by <see cref="Snapshot"/>.</summary>
    public static OeeCalculator Restore(OeeSnapshot snapshot, ShiftCalendar calendar, OeeCalculationOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(snapshot);
        if (snapshot.SchemaVersion != OeeSnapshot.CurrentSchemaVersion)
        {
            throw new ArgumentException($"OEE snapshot schema version {snapshot.SchemaVersion} is not {OeeSnapshot.CurrentSchemaVersion}.", nameof(snapshot));
        }

        return new OeeCalculator(calendar, options ?? new OeeCalculationOptions(), snapshot);
    }

    /// <summary>The whole state as it is (reading it changes nothing, so a restored calculator goes on exactly alike).</summary>
    public OeeSnapshot Snapshot() => new(
        OeeSnapshot.CurrentSchemaVersion,
        _windows.ToSnapshot(),
        _layout.ToSnapshot(),
        [.. _layout.Machines.Select(cell => SnapshotMapping.ToSnapshot(Account(cell)))]);

    /// <summary>
    /// Makes a machine known. Register a line's machines in routing order: the last one is the line's output unless
    /// <see cref="SetLineOutput"/> says otherwise. A machine first seen in an input is registered then.
    /// </summary>
    public void RegisterMachine(IsaPath cell) => Account(InputRules.RequireCell(cell));

    /// <summary>Names the machine whose counts leave the line; the line's OEE follows it.</summary>
    public void SetLineOutput(IsaPath line, IsaPath cell)
    {
        ArgumentNullException.ThrowIfNull(line);
        InputRules.RequireCell(cell);
        if (!cell.Parent.Equals(line))
        {
            throw new ArgumentException($"'{cell}' is not a machine of line '{line}'.", nameof(cell));
        }

        _layout.SetOutput(line, cell);
        Account(cell);
    }

    /// <summary>
    /// A machine changed state. A change before the machine's latest change point is inserted into its timeline and
    /// the affected time booked anew. Refused when its time lies in a closed window or before the kept history.
    /// </summary>
    public OeeOutcome RecordState(IsaPath cell, MachineStateChange change)
    {
        ArgumentNullException.ThrowIfNull(change);
        if ((InputRules.CellProblem(cell) ?? InputRules.StateProblem(change)) is { } problem)
        {
            return OeeOutcome.Refused(OeeRefusalReason.Invalid, problem);
        }

        var account = Account(cell);
        var notices = new List<OeeNotice>();
        _booking.Extend(account, WatermarkMs, notices);
        if (IsKnown(account, change))
        {
            // The same change seen again (a retained message after a reconnect): nothing new.
            Advance(change.Ts, notices);
            return OeeOutcome.Taken(notices);
        }

        if (account.Segments.Count == 0)
        {
            StartTimeline(account, change, notices);
        }
        else if (change.SinceMs < WatermarkMs - _historyHorizonMs)
        {
            return OeeOutcome.Refused(OeeRefusalReason.OlderThanHistory,
                $"state since {change.SinceMs} is older than the kept history ({_historyHorizonMs / 3_600_000.0} h before {WatermarkMs})");
        }
        else if (FinalWindowAt(change.SinceMs, change.WorkOrderId) is { } closed)
        {
            return OeeOutcome.Refused(OeeRefusalReason.WindowClosed, $"window already closed: {closed.Key} (state since {change.SinceMs})");
        }
        else
        {
            Insert(account, change, notices);
        }

        Advance(change.Ts, notices);
        return OeeOutcome.Taken(notices);
    }

    /// <summary>
    /// A machine's cumulative counters. Units are the difference from the previous reading, booked in the windows
    /// containing the reading's time. A decrease is a reset; an older reading is ignored; both are reported.
    /// </summary>
    public OeeOutcome RecordCount(IsaPath cell, CounterReading reading)
    {
        ArgumentNullException.ThrowIfNull(reading);
        if ((InputRules.CellProblem(cell) ?? reading.Problem()) is { } problem)
        {
            return OeeOutcome.Refused(OeeRefusalReason.Invalid, problem);
        }

        var account = Account(cell);
        var notices = new List<OeeNotice>();
        _booking.Extend(account, WatermarkMs, notices);
        var step = account.Counter.Step(reading);
        switch (step.Kind)
        {
            case CounterStepKind.Stale:
                notices.Add(new StaleCountNotice(cell, reading.Ts, account.Counter.Last!.Ts));
                break;
            case CounterStepKind.Baseline:
                account.Counter.Accept(reading);
                account.LatestIdealCycleTimeS = reading.IdealCycleTimeS;
                notices.Add(new CounterBaselineNotice(cell, reading.Ts, reading.Good, reading.Scrap));
                break;
            default:
                if (FinalWindowAt(reading.Ts, reading.WorkOrderId) is { } closed)
                {
                    // The counter stays where it was, so these units are counted with the next reading.
                    return OeeOutcome.Refused(OeeRefusalReason.WindowClosed, $"window already closed: {closed.Key} (count at {reading.Ts})");
                }

                if (step.Kind == CounterStepKind.Reset)
                {
                    var last = account.Counter.Last!;
                    notices.Add(new CounterResetNotice(cell, reading.Ts, last.Good, last.Scrap, reading.Good, reading.Scrap));
                }

                account.Counter.Accept(reading);
                account.LatestIdealCycleTimeS = reading.IdealCycleTimeS;
                _units.Book(account, reading, step, LineIdealCycleTimeS(account, reading));
                break;
        }

        Advance(reading.Ts, notices);
        return OeeOutcome.Taken(notices);
    }

    /// <summary>Wall-clock time has passed: book running states up to it and close the windows it leaves behind.</summary>
    public OeeOutcome AdvanceTo(long nowMs)
    {
        var notices = new List<OeeNotice>();
        Advance(nowMs, notices);
        return OeeOutcome.Taken(notices);
    }

    /// <summary>
    /// An operator gave the reason of a downtime episode: its time moves to that reason in every window it touched
    /// that is still open (closed windows keep their final figures).
    /// </summary>
    public OeeOutcome ClassifyDowntime(IsaPath cell, string episodeId, string reasonCode, string? reasonText = null)
    {
        if ((InputRules.CellProblem(cell) ?? InputRules.ReasonProblem(reasonCode)) is { } problem)
        {
            return OeeOutcome.Refused(OeeRefusalReason.Invalid, problem);
        }

        if (!_machines.TryGetValue(cell, out var account) || episodeId is null || !account.Episodes.TryGetValue(episodeId, out var episode))
        {
            return OeeOutcome.Refused(OeeRefusalReason.UnknownEpisode, $"no downtime episode '{episodeId}' on {cell} in the kept history");
        }

        var index = account.IndexAtOrBefore(episode.StartMs);
        var segment = account.Segments[index];
        segment.OperatorReasonCode = reasonCode;
        segment.OperatorReasonText = reasonText;
        var notices = new List<OeeNotice>();
        _booking.Rebook(account, index, notices);
        return OeeOutcome.Taken(notices);
    }

    /// <summary>
    /// The work order ended: time and units after <paramref name="endMs"/> no longer count for it, and its window closes
    /// like any other once the watermark passes its end plus the allowed lateness.
    /// </summary>
    public OeeOutcome EndWorkOrder(string workOrderId, long endMs)
    {
        var key = new WindowKey(WindowKind.WorkOrder, workOrderId);
        if (_windows.Find(key) is not { } window)
        {
            return OeeOutcome.Refused(OeeRefusalReason.UnknownWorkOrder, $"nothing was booked under work order '{workOrderId}'");
        }

        if (window.EndMs == endMs)
        {
            return OeeOutcome.Taken([]);
        }

        if (_windows.IsClosed(window))
        {
            return OeeOutcome.Refused(OeeRefusalReason.WindowClosed, $"window already closed: {key}");
        }

        if (endMs < WatermarkMs - _historyHorizonMs)
        {
            return OeeOutcome.Refused(OeeRefusalReason.OlderThanHistory, $"end {endMs} is older than the kept history");
        }

        if (endMs < window.StartMs)
        {
            return OeeOutcome.Refused(OeeRefusalReason.Invalid, $"end {endMs} is before the first time booked under '{workOrderId}' ({window.StartMs})");
        }

        if (_windows.LastCountMs(workOrderId) is { } counted && counted >= endMs)
        {
            return OeeOutcome.Refused(OeeRefusalReason.Invalid, $"units were counted under '{workOrderId}' at {counted}, not before the end {endMs}");
        }

        // Time between the old and the new end changes sides, whichever way the end moved.
        var changedFromMs = Math.Min(window.EndMs ?? endMs, endMs);
        _windows.EndWorkOrder(workOrderId, endMs);
        var notices = new List<OeeNotice>();
        foreach (var account in _layout.Machines.Select(Account))
        {
            for (var i = 0; i < account.Segments.Count; i++)
            {
                if (string.Equals(account.Segments[i].Report.WorkOrderId, workOrderId, StringComparison.Ordinal) && account.EndOf(i) > changedFromMs)
                {
                    _booking.Rebook(account, i, notices, keepOpen: key);
                }
            }
        }

        if (_windows.IsClosed(key))
        {
            notices.Add(new WindowClosedNotice(_windows.Find(key)!));
        }

        return OeeOutcome.Taken(notices);
    }

    /// <summary>OEE of a cell, line, area or site over a known window; null when the window is unknown (never booked or forgotten).</summary>
    public OeeResult? Result(IsaPath scope, WindowKey window)
    {
        ArgumentNullException.ThrowIfNull(scope);
        if (_windows.Find(window) is not { } known)
        {
            return null;
        }

        CatchUp();
        var (totals, productId) = ScopeFigures.Of(scope, window, _layout, _machines);
        return OeeResult.From(scope, known, _windows.IsClosed(known), totals, productId);
    }

    /// <summary>The machine's downtime episodes still in the kept history, by start.</summary>
    public IReadOnlyList<DowntimeEpisode> Episodes(IsaPath cell) =>
        CaughtUp()._machines.TryGetValue(cell, out var account) ? [.. account.Episodes.Values.OrderBy(e => e.StartMs)] : [];

    /// <summary>
    /// Notices raised while bookings caught up for a read (an episode that outgrew the micro-stop threshold); the
    /// next input's outcome carries them too, but a quiet plant's publisher takes them here.
    /// </summary>
    public List<OeeNotice> TakePendingNotices()
    {
        var taken = _pendingNotices.ToList();
        _pendingNotices.Clear();
        return taken;
    }

    /// <summary>
    /// The same report as one already in the timeline: the segment starting at its since, or the first segment, whose
    /// start may have been moved to the watermark.
    /// </summary>
    private static bool IsKnown(MachineAccount account, MachineStateChange change)
    {
        var index = account.IndexAtOrBefore(change.SinceMs);
        return (index >= 0 && account.Segments[index].Report.SameChangeAs(change))
            || (account.Segments.Count > 0 && account.Segments[0].Report.SameChangeAs(change));
    }

    private void StartTimeline(MachineAccount account, MachineStateChange change, List<OeeNotice> notices)
    {
        // A first state from before the kept history or in a final window (a retained state from long ago) books from now.
        var start = change.SinceMs;
        if (start < WatermarkMs - _historyHorizonMs || FinalWindowAt(start, change.WorkOrderId) is not null)
        {
            start = WatermarkMs;
            notices.Add(new StateStartMovedNotice(account.Cell, change.SinceMs, start));
        }

        account.Segments.Add(new StateSegment(change, start));
        account.BookedUntilMs = Math.Max(account.BookedUntilMs, start);
        _booking.Rebook(account, 0, notices);
    }

    private void Insert(MachineAccount account, MachineStateChange change, List<OeeNotice> notices)
    {
        var index = account.IndexAtOrBefore(change.SinceMs);
        if (index >= 0 && account.Segments[index].StartMs == change.SinceMs)
        {
            // A new report for the same instant (e.g. the machine now gives the reason): it replaces the old one.
            account.Segments[index].Replace(change);
            _booking.Rebook(account, index, notices);
            return;
        }

        var at = index + 1;
        account.Segments.Insert(at, new StateSegment(change, change.SinceMs));
        account.BookedUntilMs = Math.Max(account.BookedUntilMs, change.SinceMs);
        if (at > 0)
        {
            // The segment before now ends earlier: a long stop may have become a micro-stop, an episode may close.
            _booking.Rebook(account, at - 1, notices);
        }

        _booking.Rebook(account, at, notices);
    }

    /// <summary>The line's bottleneck: the caller's, else the slowest ideal cycle time last seen on any of its machines.</summary>
    private double LineIdealCycleTimeS(MachineAccount account, CounterReading reading) =>
        reading.LineIdealCycleTimeS ?? _layout.CellsOf(account.Cell.Parent)
            .Select(c => _machines.GetValueOrDefault(c)?.LatestIdealCycleTimeS ?? 0)
            .Append(reading.IdealCycleTimeS)
            .Max();

    /// <summary>A closed window the instant belongs to (its hour, day, shift or work order), or null when all are open.</summary>
    private OeeWindow? FinalWindowAt(long atMs, string? workOrderId) =>
        _booking.WindowsAt(atMs, workOrderId).FirstOrDefault(_windows.IsClosed);

    private void Advance(long watermarkMs, List<OeeNotice> notices)
    {
        notices.AddRange(TakePendingNotices());
        if (watermarkMs <= WatermarkMs)
        {
            return;
        }

        // Every machine's running state is booked up to the new watermark only when a window is about to close (its
        // figures must be complete) or the watermark enters a new minute; in between, a machine is caught up when its
        // own input arrives and all of them before any figure is read. The plant's inputs advance the watermark almost
        // every event, and extending 500 machines each time cost more than everything else together. The schedule
        // depends on the watermark alone, so a calculator restored from a snapshot catches up exactly when the
        // original would have.
        if (_windows.ClosesBy(watermarkMs) || watermarkMs / CatchUpEveryMs != WatermarkMs / CatchUpEveryMs)
        {
            ExtendAll(watermarkMs, notices);
            notices.AddRange(_windows.Advance(watermarkMs).Select(w => new WindowClosedNotice(w)));
            Forget(WatermarkMs - _historyHorizonMs);
            return;
        }

        _windows.MoveWithoutClosing(watermarkMs);
    }

    private OeeCalculator CaughtUp()
    {
        CatchUp();
        return this;
    }

    private void CatchUp()
    {
        if (_caughtUpToMs < WatermarkMs)
        {
            ExtendAll(WatermarkMs, _pendingNotices);
        }
    }

    private void ExtendAll(long watermarkMs, List<OeeNotice> notices)
    {
        foreach (var cell in _layout.Machines)
        {
            _booking.Extend(Account(cell), watermarkMs, notices);
        }

        _caughtUpToMs = watermarkMs;
    }

    private void Forget(long cutoffMs)
    {
        var gone = _windows.PruneEndedBefore(cutoffMs);
        foreach (var account in _machines.Values)
        {
            account.ForgetBefore(cutoffMs);
            account.ForgetWindows(gone);
        }
    }

    private MachineAccount Account(IsaPath cell)
    {
        if (!_machines.TryGetValue(cell, out var account))
        {
            account = new MachineAccount(cell) { BookedUntilMs = WatermarkMs };
            _machines[cell] = account;
            _layout.Register(cell);
        }

        return account;
    }
}

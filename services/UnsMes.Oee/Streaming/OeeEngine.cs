using UnsMes.Oee.Domain;
using UnsMes.Uns.Calendar;
using UnsMes.Uns.Payloads;
using UnsMes.Uns.Topics;

namespace UnsMes.Oee.Streaming;

/// <summary>
/// The calculator behind one lock, fed from the namespace: resolves ideal cycle times from work orders, registers
/// machines and line outputs, and collects the notices (downtime episodes, closed windows) for the publisher.
/// </summary>
internal sealed class OeeEngine
{
    private readonly Lock _lock = new();
    private readonly OeeOptions _options;
    private readonly Dictionary<string, WorkOrderPayload> _workOrders = new(StringComparer.Ordinal);
    private readonly List<OeeNotice> _notices = [];
    private readonly HashSet<IsaPath> _touched = [];
    private readonly OeeCalculationOptions _calculation;
    private OeeCalculator _calculator;

    public OeeEngine(OeeOptions options)
    {
        _options = options;
        Calendar = options.Calendar();
        _calculation = new OeeCalculationOptions
        {
            MicroStopThreshold = TimeSpan.FromSeconds(options.MicroStopThresholdSeconds),
            AllowedLateness = TimeSpan.FromMinutes(options.AllowedLatenessMinutes),
        };
        _calculator = new OeeCalculator(Calendar, _calculation);
    }

    /// <summary>Continues from a saved snapshot; called once at start, before the first input.</summary>
    public void Restore(OeeSnapshot snapshot)
    {
        lock (_lock)
        {
            _calculator = OeeCalculator.Restore(snapshot, Calendar, _calculation);
        }
    }

    public ShiftCalendar Calendar { get; }

    public OeeOutcome OnState(IsaPath cell, MachineStatePayload payload) =>
        Apply(cell, c => c.RecordState(cell, MachineStateChange.From(payload)));

    public OeeOutcome OnCount(IsaPath cell, ProductionCountPayload payload)
    {
        lock (_lock)
        {
            var ideal = IdealCycleTime(cell, payload);
            return Apply(cell, c => c.RecordCount(cell, CounterReading.From(payload, ideal)));
        }
    }

    public void OnWorkOrder(WorkOrderPayload payload)
    {
        lock (_lock)
        {
            _workOrders[payload.WorkOrderId] = payload;
            if (payload.Status is WorkOrderStatus.Completed or WorkOrderStatus.Closed or WorkOrderStatus.Cancelled)
            {
                Collect(_calculator.EndWorkOrder(payload.WorkOrderId, payload.Ts));
            }
        }
    }

    public OeeOutcome Classify(IsaPath cell, string episodeId, string reasonCode, string? reasonText)
    {
        lock (_lock)
        {
            _touched.Add(cell);
            return Collect(_calculator.ClassifyDowntime(cell, episodeId, reasonCode, reasonText));
        }
    }

    /// <summary>
    /// The scopes whose figures the inputs since the last call may have changed: each touched cell and its line,
    /// area and site.
    /// </summary>
    public HashSet<IsaPath> TakeTouchedScopes()
    {
        lock (_lock)
        {
            var scopes = new HashSet<IsaPath>();
            foreach (var cell in _touched)
            {
                for (var scope = cell; scope.Level >= IsaLevel.Site; scope = scope.Parent)
                {
                    scopes.Add(scope);
                }
            }

            _touched.Clear();
            return scopes;
        }
    }

    public void AdvanceTo(long nowMs)
    {
        lock (_lock)
        {
            Collect(_calculator.AdvanceTo(nowMs));
        }
    }

    /// <summary>Reads the calculator under the lock (results, windows, episodes).</summary>
    public T Read<T>(Func<OeeCalculator, T> read)
    {
        lock (_lock)
        {
            return read(_calculator);
        }
    }

    public List<OeeNotice> TakeNotices()
    {
        lock (_lock)
        {
            var taken = _notices.ToList();
            _notices.Clear();
            taken.AddRange(_calculator.TakePendingNotices());
            return taken;
        }
    }

    public OeeSnapshot Snapshot()
    {
        lock (_lock)
        {
            return _calculator.Snapshot();
        }
    }

    private OeeOutcome Apply(IsaPath cell, Func<OeeCalculator, OeeOutcome> input)
    {
        lock (_lock)
        {
            if (!_calculator.Machines.Contains(cell))
            {
                _calculator.RegisterMachine(cell);
                if (_options.LineOutputs.TryGetValue(cell.Parent.ToString(), out var output) && output == cell.Cell)
                {
                    _calculator.SetLineOutput(cell.Parent, cell);
                }
            }

            _touched.Add(cell);
            return Collect(input(_calculator));
        }
    }

    private OeeOutcome Collect(OeeOutcome outcome)
    {
        _notices.AddRange(outcome.Notices);
        return outcome;
    }

    /// <summary>The work order's routing (the operation on this machine's work center) first, then the machine's own report, then the default.</summary>
    private double IdealCycleTime(IsaPath cell, ProductionCountPayload payload)
    {
        if (payload.WorkOrderId is { } id && _workOrders.TryGetValue(id, out var order)
            && order.Routing.FirstOrDefault(op => op.WorkCenter == cell.Cell) is { } operation)
        {
            return operation.IdealCycleTimeS;
        }

        return payload.IdealCycleTimeS ?? _options.DefaultIdealCycleTimeS;
    }
}

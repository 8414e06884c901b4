using UnsMes.EdgePublisher.Model;
using UnsMes.Uns.Payloads;

namespace UnsMes.EdgePublisher.Simulation;

/// <summary>
/// One machine in machine time: takes a part from upstream, cycles (a little slower than ideal, as real machines
/// do), passes it downstream or scraps it, and stops for faults (exponential times between failures in running
/// time), short minor stops, changeovers and planned stops. Tool wear raises scrap and load; a fault with a
/// precursor makes its tag rise during the warning window before it strikes.
/// </summary>
internal sealed class MachineSimulator
{
    private const double MinorStopMeanRunningMinutes = 40;
    private const double MinorStopMinSeconds = 15;
    private const double MinorStopMaxSeconds = 75;
    private const double ThermalTimeConstantS = 90;

    private readonly Random _random;
    private readonly double[] _runningSecondsToFault;
    private readonly double[] _tagLevels;
    private readonly double _wearPerPart;
    private readonly Dictionary<string, long> _scrapByReason = new(StringComparer.Ordinal);
    private double _runningSecondsToMinorStop;
    private double _slowFactor = 1.03;
    private double _cycleLeftS;
    private bool _inProcess;
    private bool _holding;
    private long _stopUntilMs;
    private bool _wearResetAfterStop;
    private string? _product;

    public MachineSimulator(MachineModel model, int seed, long startMs)
    {
        Model = model;
        _random = new Random(seed);
        _runningSecondsToFault = [.. model.Faults.Select(f => _random.NextExponential(f.MtbfMinutes * 60))];
        _runningSecondsToMinorStop = _random.NextExponential(MinorStopMeanRunningMinutes * 60);
        _tagLevels = [.. model.Tags.Select(t => t.Nominal)];
        var wearFault = model.Faults.FirstOrDefault(f => f.ResetsWear);
        _wearPerPart = wearFault is null ? 0 : model.IdealCycleTimeS / (wearFault.MtbfMinutes * 60);
        Since = startMs;
    }

    public MachineModel Model { get; }
    public MachineState State { get; private set; } = MachineState.Idle;
    public string? ReasonCode { get; private set; }
    public string? ReasonText { get; private set; }
    public long Since { get; private set; }
    public long Good { get; private set; }
    public long Scrap { get; private set; }
    public double Wear { get; private set; }

    /// <summary>An operator or a test stops the machine for a while with a reason (e.g. a forced jam).</summary>
    public void ForceStop(long nowMs, string reasonCode, string reasonText, TimeSpan duration, List<SimulationChange> changes, StepContext context)
    {
        _stopUntilMs = nowMs + (long)duration.TotalMilliseconds;
        SetState(MachineState.Down, reasonCode, reasonText, nowMs, changes, context);
    }

    public void Step(long nowMs, double dtS, StepContext context, LineBuffer? upstream, LineBuffer? downstream, List<SimulationChange> changes)
    {
        var counted = StepState(nowMs, dtS, context, upstream, downstream, changes);
        if (counted)
        {
            changes.Add(new CountChange(Model, CountPayload(nowMs, context)));
        }

        SampleTags(nowMs, dtS, changes);
    }

    private bool StepState(long nowMs, double dtS, StepContext context, LineBuffer? upstream, LineBuffer? downstream, List<SimulationChange> changes)
    {
        if (_stopUntilMs > 0)
        {
            if (nowMs < _stopUntilMs)
            {
                return false;
            }

            _stopUntilMs = 0;
            if (_wearResetAfterStop)
            {
                Wear = 0;
                _wearResetAfterStop = false;
            }
        }

        if (context.PlannedStopReason is not null)
        {
            SetState(MachineState.PlannedStop, context.PlannedStopReason, context.PlannedStopText, nowMs, changes, context);
            return false;
        }

        if (context.ProductId != _product)
        {
            var first = _product is null;
            _product = context.ProductId;
            if (!first && Model.SetupMinutes > 0)
            {
                StopFor(nowMs, Model.SetupMinutes * 60, MachineState.Setup, "changeover", $"Changeover to {context.ProductId}", changes, context);
                return false;
            }
        }

        var counted = false;
        var remaining = dtS;
        while (remaining > 1e-9)
        {
            if (_holding)
            {
                if (downstream is not null && !downstream.TryPut())
                {
                    SetState(MachineState.Blocked, null, null, nowMs, changes, context);
                    break;
                }

                _holding = false;
            }

            if (!_inProcess)
            {
                if (upstream is not null && !upstream.TryTake())
                {
                    SetState(MachineState.Starved, null, null, nowMs, changes, context);
                    break;
                }

                _inProcess = true;
                _slowFactor = Math.Clamp(_slowFactor + (_random.NextGaussian() * 0.01), 1.0, 1.2);
                _cycleLeftS = Model.IdealCycleTimeS * context.CycleTimeFactor * _slowFactor;
            }

            SetState(MachineState.Running, null, null, nowMs, changes, context);
            var slice = Math.Min(remaining, _cycleLeftS);
            if (StopStrikes(nowMs, slice, changes, context))
            {
                break;
            }

            _cycleLeftS -= slice;
            remaining -= slice;
            if (_cycleLeftS <= 1e-9)
            {
                CompletePart();
                counted = true;
            }
        }

        return counted;
    }

    /// <summary>Advances the running-time clocks of faults and minor stops; true when one of them stopped the machine.</summary>
    private bool StopStrikes(long nowMs, double runningS, List<SimulationChange> changes, StepContext context)
    {
        for (var i = 0; i < _runningSecondsToFault.Length; i++)
        {
            _runningSecondsToFault[i] -= runningS;
            if (_runningSecondsToFault[i] <= 0)
            {
                var fault = Model.Faults[i];
                _runningSecondsToFault[i] = _random.NextExponential(fault.MtbfMinutes * 60);
                _wearResetAfterStop = fault.ResetsWear;
                StopFor(nowMs, _random.NextExponential(fault.MttrMinutes * 60), MachineState.Down, fault.Reason, fault.Text, changes, context);
                return true;
            }
        }

        _runningSecondsToMinorStop -= runningS;
        if (_runningSecondsToMinorStop <= 0)
        {
            _runningSecondsToMinorStop = _random.NextExponential(MinorStopMeanRunningMinutes * 60);
            var seconds = MinorStopMinSeconds + (_random.NextDouble() * (MinorStopMaxSeconds - MinorStopMinSeconds));
            StopFor(nowMs, seconds, MachineState.Down, "minor_stop", "Part sensor blocked", changes, context);
            return true;
        }

        return false;
    }

    private void CompletePart()
    {
        _inProcess = false;
        var scrapProbability = Model.ScrapRate * (1 + (4 * Wear * Wear));
        Wear += _wearPerPart;
        if (_random.NextDouble() < scrapProbability)
        {
            var reason = Wear > 0.5 || _random.NextDouble() < 0.7 ? "out_of_tolerance" : "surface_defect";
            _scrapByReason[reason] = _scrapByReason.GetValueOrDefault(reason) + 1;
            Scrap++;
            return;
        }

        Good++;
        _holding = true;
    }

    private void StopFor(long nowMs, double seconds, MachineState state, string reason, string text, List<SimulationChange> changes, StepContext context)
    {
        _stopUntilMs = nowMs + Math.Max(1000, (long)(seconds * 1000));
        SetState(state, reason, text, nowMs, changes, context);
    }

    private void SetState(MachineState state, string? reason, string? text, long nowMs, List<SimulationChange> changes, StepContext context)
    {
        if (state == State && reason == ReasonCode)
        {
            return;
        }

        var previous = State;
        (State, ReasonCode, ReasonText, Since) = (state, reason, text, nowMs);
        changes.Add(new StateChange(Model, new MachineStatePayload
        {
            V = UnsSchema.Version,
            Ts = nowMs,
            State = state,
            Since = nowMs,
            ReasonCode = reason,
            ReasonText = text,
            WorkOrderId = context.WorkOrderId,
            ProductId = context.ProductId,
        }, previous));
    }

    private ProductionCountPayload CountPayload(long nowMs, StepContext context) => new()
    {
        V = UnsSchema.Version,
        Ts = nowMs,
        Good = Good,
        Scrap = Scrap,
        Unit = context.Unit,
        IdealCycleTimeS = Model.IdealCycleTimeS * context.CycleTimeFactor,
        ScrapByReason = _scrapByReason.Count == 0 ? null : new Dictionary<string, long>(_scrapByReason),
        WorkOrderId = context.WorkOrderId,
        ProductId = context.ProductId,
    };

    private void SampleTags(long nowMs, double dtS, List<SimulationChange> changes)
    {
        var running = State == MachineState.Running;
        var follow = Math.Min(1, dtS / ThermalTimeConstantS);
        for (var i = 0; i < Model.Tags.Count; i++)
        {
            var tag = Model.Tags[i];
            var target = tag.Driver switch
            {
                TagDriver.ToolWear => running ? tag.Nominal + ((tag.High - tag.Nominal) * 0.6 * Math.Min(Wear, 1.5)) : tag.Low + ((tag.Nominal - tag.Low) * 0.2),
                TagDriver.Precursor => (running ? tag.Nominal : tag.Nominal * 0.3) + ((tag.High - tag.Nominal) * 0.85 * PrecursorRise(tag.Name)),
                _ => running ? tag.Nominal : tag.Low + ((tag.Nominal - tag.Low) * 0.3),
            };

            // Temperatures follow slowly; loads and vibration follow at once.
            _tagLevels[i] = tag.Driver == TagDriver.Process ? _tagLevels[i] + ((target - _tagLevels[i]) * follow) : target;
            changes.Add(new TagSample(Model, tag, _tagLevels[i] + (tag.Noise * _random.NextGaussian()), nowMs));
        }
    }

    /// <summary>0 far from a precursor fault, rising to 1 as it comes due within its warning window.</summary>
    private double PrecursorRise(string tag)
    {
        var rise = 0.0;
        for (var i = 0; i < Model.Faults.Count; i++)
        {
            var fault = Model.Faults[i];
            if (fault.PrecursorTag == tag && fault.WarningMinutes > 0)
            {
                rise = Math.Max(rise, Math.Clamp(1 - (_runningSecondsToFault[i] / (fault.WarningMinutes * 60)), 0, 1));
            }
        }

        return rise;
    }
}

using UnsMes.Uns.Calendar;
using UnsMes.Uns.Payloads;

namespace UnsMes.Wip.Domain;

// Read-side figures: WIP per operation, progress with ETA, schedule attainment.
internal sealed partial class WipTracker
{
    private static readonly TimeSpan EtaHorizon = TimeSpan.FromDays(90);

    /// <summary>
    /// Units at each operation of a line, in the routing order of the order the line runs (then any other work center
    /// holding units). Waiting excludes the unit a running machine is working on, which counts as in process; the first
    /// operation starts new units from raw material, so nothing waits there.
    /// </summary>
    public List<OperationWip> LineWip(string linePath, long nowMs)
    {
        var line = Line(linePath);
        var head = DispatchQueue(linePath).FirstOrDefault()
                   ?? State.Orders.Values.Where(o => o.Line == linePath).MaxBy(o => o.LastActivityMs ?? o.ReceivedMs);
        var steps = head?.Order.Routing.Select(r => (r.Operation, r.WorkCenter)).ToList() ?? [];
        foreach (var (workCenter, queue) in line.Queues.Where(q => q.Value.Count > 0 && steps.All(s => s.WorkCenter != q.Key)))
        {
            steps.Add((workCenter, workCenter));
        }

        var result = new List<OperationWip>(steps.Count);
        for (var i = 0; i < steps.Count; i++)
        {
            var (operation, workCenter) = steps[i];
            var queue = line.Queue(workCenter);
            var running = State.Cells.Values.Count(c => c.Line == linePath && c.WorkCenter == workCenter && c.Running);
            var inProcess = i == 0 && head is { IsOpen: true } ? running : Math.Min(running, queue.Count);
            var done = head?.Operations.GetValueOrDefault(operation)?.Good ?? 0;
            result.Add(new OperationWip(operation, queue.Count - (i == 0 ? 0 : inProcess), inProcess, done,
                Math.Round(queue.OldestDwellS(nowMs), 1), Math.Round(queue.AverageDwellS(nowMs), 1), workCenter));
        }

        return result;
    }

    public ProgressPayload Progress(OrderState order, long nowMs)
    {
        var rate = order.Recent.GoodPerHour(nowMs, WindowMs);
        long? eta = null;
        if (order.IsOpen && rate > 0)
        {
            eta = Calendar.AddPlanned(DateTimeOffset.FromUnixTimeMilliseconds(nowMs), TimeSpan.FromHours(order.Remaining / rate), EtaHorizon)?.ToUnixTimeMilliseconds();
        }

        return new ProgressPayload
        {
            V = 1,
            Ts = nowMs,
            WorkOrderId = order.Order.WorkOrderId,
            Status = order.Status,
            Good = order.Good,
            Scrap = order.Scrap,
            Remaining = order.Remaining,
            RatePerHour = Math.Round(rate, 2),
            Yield = Math.Round(order.Recent.Yield(nowMs, WindowMs), 4),
            EtaTs = eta,
        };
    }

    /// <summary>
    /// Schedule attainment of a line in the current shift: good units finished against what the line's bottleneck
    /// (the slowest operation of the order it runs) could have made in the planned time elapsed so far.
    /// </summary>
    public Attainment? CurrentAttainment(string linePath, long nowMs)
    {
        var shift = ShiftKey(nowMs);
        if (shift is null || !State.Lines.TryGetValue(linePath, out var line))
        {
            return null;
        }

        var now = DateTimeOffset.FromUnixTimeMilliseconds(nowMs);
        var model = Calendar.ShiftAt(now)!;
        var start = DateTimeOffset.ParseExact(shift[..10], "yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture, System.Globalization.DateTimeStyles.AssumeUniversal) + model.Start;
        var planned = Calendar.PlannedBetween(start, now);
        var head = DispatchQueue(linePath).FirstOrDefault() ?? State.Orders.Values.Where(o => o.Line == linePath).MaxBy(o => o.LastActivityMs ?? 0);
        var bottleneck = head?.Order.Routing.Max(r => r.IdealCycleTimeS);
        var target = bottleneck is > 0 ? Math.Floor(planned.TotalSeconds / bottleneck.Value) : 0;
        var good = line.GoodByShift.GetValueOrDefault(shift);
        return new Attainment(linePath, shift, good, target, target > 0 ? Math.Round(good / target, 4) : null, Math.Round(planned.TotalHours, 3), bottleneck);
    }
}

/// <summary>Schedule attainment: good made in a shift against the bottleneck's ideal output for the planned time so far.</summary>
internal sealed record Attainment(string Line, string Shift, long Good, double Target, double? Ratio, double PlannedHoursSoFar, double? BottleneckCycleTimeS);

using System.Globalization;
using UnsMes.Uns.Calendar;

namespace UnsMes.Wip.Domain;

/// <summary>
/// Answers "can we promise N more of product P by D?" from what the floor measurably does: the line's measured good
/// rate for P (which already carries its yield), the planned production hours left until D on the shift calendar, and
/// the open work queued on that line ahead of a new order. Every figure used is in the answer's reasoning.
/// </summary>
internal static class PromiseCalculator
{
    /// <param name="nowMs">The instant rates are measured at (event time while the plant streams).</param>
    /// <param name="plannedFrom">Where the hours until <paramref name="by"/> are counted from; <paramref name="nowMs"/> when null.</param>
    public static PromiseAnswer Answer(WipTracker tracker, string productId, double quantity, DateTimeOffset by, long nowMs, DateTimeOffset? plannedFrom = null)
    {
        var state = tracker.State;
        var windowMs = tracker.Options.RateWindowMinutes * 60_000L;
        var now = DateTimeOffset.FromUnixTimeMilliseconds(nowMs);
        var reasoning = new List<string>();

        var measured = state.Lines.Values
            .Select(l => (Line: l.Path, Window: l.RecentByProduct.GetValueOrDefault(productId)))
            .Select(l => (l.Line, Rate: l.Window?.GoodPerHour(nowMs, windowMs) ?? 0, Yield: l.Window?.Yield(nowMs, windowMs) ?? 1))
            .Where(l => l.Rate > 0)
            .OrderByDescending(l => l.Rate)
            .FirstOrDefault();
        var line = measured.Line
                   ?? state.Orders.Values.Where(o => o.Order.ProductId == productId && o.Line is not null).Select(o => o.Line).FirstOrDefault()
                   ?? tracker.Options.ProductLines.GetValueOrDefault(productId);
        if (line is null)
        {
            reasoning.Add($"No line has made {productId} in the last {tracker.Options.RateWindowMinutes} minutes, no order for it names a line and none is configured for it (Wip:ProductLines), so there is no rate to promise from.");
            return new PromiseAnswer(productId, quantity, by, false, 0, 0, 1, 0, 0, 0, null, "none", reasoning);
        }

        var rate = measured.Rate;
        var yield = measured.Line is null ? 1 : measured.Yield;
        var rateSource = "measured";
        if (rate <= 0)
        {
            var routing = state.Orders.Values.FirstOrDefault(o => o.Order.ProductId == productId)?.Order.Routing;
            var bottleneck = routing?.Max(r => r.IdealCycleTimeS);
            rate = bottleneck is > 0 ? 3600 / bottleneck.Value : 0;
            rateSource = rate > 0 ? "ideal" : "none";
            reasoning.Add(rate > 0
                ? F($"{line} has not made {productId} in the last {tracker.Options.RateWindowMinutes} minutes; using the routing's bottleneck ideal rate of {rate:F1}/h (no losses assumed, so the answer is optimistic).")
                : $"{line} has not made {productId} recently and no routing for it is known, so there is no rate to promise from.");
        }
        else
        {
            reasoning.Add(F($"{line} made {productId} at {rate:F1} good/h over the last {tracker.Options.RateWindowMinutes} minutes, with a yield of {yield:P1} (the rate counts good units only)."));
        }

        var available = tracker.Calendar.PlannedBetween(plannedFrom ?? now, by).TotalHours;
        reasoning.Add(F($"{available:F2} planned production hours remain from now until {by:yyyy-MM-dd HH:mm} UTC on the shift calendar (breaks and time between shifts excluded)."));

        var ahead = tracker.DispatchQueue(line);
        var openQuantity = ahead.Sum(o => o.Remaining);
        var openHours = ahead.Sum(o =>
        {
            var r = state.Lines[line].RecentByProduct.TryGetValue(o.Order.ProductId, out var w) ? w.GoodPerHour(nowMs, windowMs) : 0;
            r = r > 0 ? r : o.Order.Routing.Max(x => x.IdealCycleTimeS) is var ict and > 0 ? 3600 / ict : rate;
            return r > 0 ? o.Remaining / r : 0;
        });
        reasoning.Add(ahead.Count == 0
            ? $"No open work is queued on {line} ahead of a new order."
            : F($"{ahead.Count} open order(s) on {line} still need {openQuantity:F0} units, about {openHours:F2} h at their own rates, before a new order can start."));

        var hoursForNew = Math.Max(0, available - openHours);
        var expected = Math.Floor(hoursForNew * rate);
        var canPromise = rate > 0 && expected >= quantity;
        reasoning.Add(F($"That leaves {hoursForNew:F2} h for {productId}: about {expected:F0} good units by the deadline, {(canPromise ? "enough" : "not enough")} for {quantity:F0}."));
        return new PromiseAnswer(productId, quantity, by, canPromise, expected, Math.Round(rate, 2), Math.Round(yield, 4), Math.Round(available, 3), openQuantity, Math.Round(openHours, 3), line, rateSource, reasoning);
    }

    private static string F(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}

/// <summary>The answer to a promise query, with the figures it rests on.</summary>
internal sealed record PromiseAnswer(
    string ProductId,
    double Quantity,
    DateTimeOffset By,
    bool CanPromise,
    double ExpectedGoodByDeadline,
    double RatePerHour,
    double Yield,
    double AvailableHours,
    double OpenQuantityAhead,
    double HoursForOpenWork,
    string? Line,
    string RateSource,
    IReadOnlyList<string> Reasoning);

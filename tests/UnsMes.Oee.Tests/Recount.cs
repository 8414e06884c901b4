using System.Text.Json;
using MQTTnet;
using UnsMes.Uns.Payloads;

namespace UnsMes.Oee.Tests;

/// <summary>
/// An independent recount of one machine's hour from its raw <c>_state</c> and <c>_count</c> messages, written from
/// docs/oee.md's definitions without the calculator's code: state intervals clipped to the hour, stops shorter than
/// the micro-stop threshold counted as run time, units from counter differences (the first reading is the baseline).
/// </summary>
internal static class Recount
{
    public sealed record Figures(double PlannedBusyS, double RunS, long Total, long Good, double IdealS);

    public static Figures Hour(IEnumerable<MqttApplicationMessage> messages, long startMs, long endMs, long microStopMs)
    {
        var list = messages.ToList();
        var states = list.Where(m => m.Topic.EndsWith("/_state", StringComparison.Ordinal))
            .Select(m => UnsJson.Deserialize<MachineStatePayload>(m.Payload.First.Span.ToArray()))
            .OrderBy(s => s.Since).ToList();
        var counts = list.Where(m => m.Topic.EndsWith("/_count", StringComparison.Ordinal))
            .Select(m => UnsJson.Deserialize<ProductionCountPayload>(m.Payload.First.Span.ToArray()))
            .OrderBy(c => c.Ts).ToList();

        double planned = 0, run = 0;
        for (var i = 0; i < states.Count; i++)
        {
            var from = states[i].Since;
            var to = i + 1 < states.Count ? states[i + 1].Since : long.MaxValue;
            var clipped = (Math.Min(to, endMs) - Math.Max(from, startMs)) / 1000.0;
            if (clipped <= 0 || states[i].State == MachineState.PlannedStop)
            {
                continue;
            }

            planned += clipped;
            var isStop = states[i].State is MachineState.Down or MachineState.Idle or MachineState.Starved or MachineState.Blocked;
            if (states[i].State == MachineState.Running || (isStop && to - from < microStopMs))
            {
                run += clipped;
            }
        }

        long total = 0, good = 0;
        double ideal = 0;
        for (var i = 1; i < counts.Count; i++)
        {
            if (counts[i].Ts < startMs || counts[i].Ts >= endMs)
            {
                continue;
            }

            var goodDelta = counts[i].Good - counts[i - 1].Good;
            var scrapDelta = counts[i].Scrap - counts[i - 1].Scrap;
            good += goodDelta;
            total += goodDelta + scrapDelta;
            ideal += (goodDelta + scrapDelta) * counts[i].IdealCycleTimeS!.Value;
        }

        return new Figures(planned, run, total, good, ideal);
    }
}

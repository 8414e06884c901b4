using System.Diagnostics;
using System.Globalization;
using UnsMes.Uns.Calendar;
using UnsMes.Uns.Payloads;
using UnsMes.Uns.Topics;
using UnsMes.Wip;
using UnsMes.Wip.Domain;
using UnsMes.Wip.Genealogy;
using UnsMes.Wip.State;

namespace UnsMes.Bench.Wip;

/// <summary>
/// <c>dotnet run -c Release --project tests/UnsMes.Bench -- wip</c>: the WIP tracker's core with 200 work orders of 5
/// operations on 40 lines, 10,000 units started and moved through every operation one count message at a time
/// (events per second, cost per event), memory with all units in flight, the snapshot's size and write time, the
/// genealogy's append rate, and the latency of the genealogy queries (one serial with 50 components; one lot).
/// </summary>
internal static class WipBench
{
    private const int Lines = 40;
    private const int OrdersPerLine = 5;
    private const int UnitsPerOrder = 50;
    private const int Operations = 5;

    public static Task<int> RunAsync()
    {
        var tracker = new WipTracker(new WipOptions(), ShiftCalendar.AroundTheClock);
        var start = new DateTimeOffset(2026, 11, 23, 6, 0, 0, TimeSpan.Zero).ToUnixTimeMilliseconds();
        var counters = new Dictionary<string, long>();
        var ts = start;
        for (var l = 0; l < Lines; l++)
        {
            for (var m = 1; m <= Operations; m++)
            {
                counters[Machine(l, m)] = 0;
                tracker.OnCount(IsaPath.Parse(Machine(l, m)), Count(0, ts, null));
            }

            for (var o = 0; o < OrdersPerLine; o++)
            {
                var id = $"WO-{l:D2}-{o}";
                tracker.OnWorkOrder(id, Order(id, l, ts), ts);
            }
        }

        tracker.TakeOutputs();
        var directory = Directory.CreateTempSubdirectory("wip-bench-");
        var genealogy = new SqliteGenealogyStore(Path.Combine(directory.FullName, "genealogy.db"));
        var costs = new List<double>();
        var appendWatch = new Stopwatch();
        var records = 0L;

        // Phase 1: every order starts its units at op10; nothing has left yet, so all 10,000 are in flight.
        // The processing clock runs only while count messages are applied (not while genealogy is written or snapshots taken).
        var wall = Stopwatch.StartNew();
        for (var u = 0; u < UnitsPerOrder; u++)
        {
            for (var l = 0; l < Lines; l++)
            {
                for (var o = 0; o < OrdersPerLine; o++)
                {
                    costs.Add(Step(tracker, counters, Machine(l, 1), ts += 10, $"WO-{l:D2}-{o}"));
                }
            }
        }

        wall.Stop();
        records += Flush(tracker, genealogy, appendWatch);
        GC.Collect();
        var memory = GC.GetTotalMemory(forceFullCollection: true);
        var inFlight = tracker.State.Lines.Values.Sum(l => l.Queues.Values.Sum(q => q.Count));
        var snapshotWatch = Stopwatch.StartNew();
        var snapshot = WipStateJson.Write(tracker.State);
        var snapshotMs = snapshotWatch.Elapsed.TotalMilliseconds;

        // Phase 2: every unit moves through op20..op50, one count per unit, first in first out.
        wall.Start();
        for (var m = 2; m <= Operations; m++)
        {
            for (var n = 0; n < UnitsPerOrder * OrdersPerLine; n++)
            {
                for (var l = 0; l < Lines; l++)
                {
                    costs.Add(Step(tracker, counters, Machine(l, m), ts += 10, null));
                }

                if (n % 50 == 0)
                {
                    wall.Stop();
                    records += Flush(tracker, genealogy, appendWatch);
                    wall.Start();
                }
            }
        }

        wall.Stop();
        records += Flush(tracker, genealogy, appendWatch);
        var seconds = wall.Elapsed.TotalSeconds;
        var finished = tracker.State.Orders.Values.Sum(o => o.Good);

        var (serialP50, serialP99) = QueryLatency(genealogy, start);
        var lotWatch = Stopwatch.StartNew();
        var lotHits = genealogy.SerialsWithLot("LOT-BENCH-7", 10_000).Count;
        var lotMs = lotWatch.Elapsed.TotalMilliseconds;
        Console.Error.WriteLine(string.Create(CultureInfo.InvariantCulture, $"wip: sum of event costs {costs.Sum() / 1e6:0.00} s, processing clock {seconds:0.00} s, max {costs.Max():0} µs, over 1 ms: {costs.Count(c => c > 1000)}"));
        costs.Sort();
        double Percentile(double p) => costs[Math.Min(costs.Count - 1, (int)(p * costs.Count))];

        Console.Out.WriteLine("| orders | units in flight | count events | events/s | p50 µs | p99 µs | memory MiB (10k in flight) | snapshot MiB / ms | genealogy records/s | serial query (50 components) p50 / p99 ms | lot query ms (rows) |");
        Console.Out.WriteLine("|--:|--:|--:|--:|--:|--:|--:|--:|--:|--:|--:|");
        Console.Out.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"| {Lines * OrdersPerLine} | {inFlight:N0} | {costs.Count:N0} | {costs.Count / seconds:N0} | {Percentile(0.5):0.0} | {Percentile(0.99):0.0} | {memory / 1048576.0:0.0} | {snapshot.Length / 1048576.0:0.0} / {snapshotMs:0} | {records / appendWatch.Elapsed.TotalSeconds:N0} | {serialP50:0.000} / {serialP99:0.000} | {lotMs:0.0} ({lotHits}) |"));
        Console.Error.WriteLine($"wip: {finished:N0} good units finished");
        genealogy.Dispose();
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        directory.Delete(recursive: true);
        return Task.FromResult(0);
    }

    private static string Machine(int line, int op) => $"acme/bench/area/line{line:D2}/m{op}";

    private static double Step(WipTracker tracker, Dictionary<string, long> counters, string machine, long ts, string? workOrderId)
    {
        var good = ++counters[machine];
        var count = Count(good, ts, workOrderId);
        var path = IsaPath.Parse(machine);
        var t0 = Stopwatch.GetTimestamp();
        tracker.OnCount(path, count);
        return Stopwatch.GetElapsedTime(t0).TotalMicroseconds;
    }

    private static long Flush(WipTracker tracker, SqliteGenealogyStore genealogy, Stopwatch watch)
    {
        var outputs = tracker.TakeOutputs();
        watch.Start();
        genealogy.Append(outputs.Genealogy);
        watch.Stop();
        return outputs.Genealogy.Count;
    }

    /// <summary>One serial built from 50 components (lots), among everything the run wrote; queried 1,000 times.</summary>
    private static (double P50, double P99) QueryLatency(SqliteGenealogyStore genealogy, long ts)
    {
        const string serial = "ASSY-00001";
        var records = new List<GenealogyRecord> { new UnitStarted(serial, "WO-ASSY", "ASSY", "acme/bench/area/line00", ts) };
        for (var c = 0; c < 50; c++)
        {
            records.Add(new UnitMaterial(serial, $"part-{c}", $"LOT-BENCH-{c}", 1, "pcs", $"op{10 + (c % 5 * 10)}", ts + c));
        }

        for (var op = 1; op <= 5; op++)
        {
            records.Add(new UnitOperation(serial, $"op{op}0", $"m{op}", $"acme/bench/area/line00/m{op}", ts + op, ts + op + 1, true, null, "e1"));
        }

        genealogy.Append(records);
        var samples = new double[1000];
        for (var i = 0; i < samples.Length; i++)
        {
            var t0 = Stopwatch.GetTimestamp();
            var found = genealogy.Serial(serial) ?? throw new InvalidOperationException("the benchmark serial is missing");
            if (found.Materials.Count != 50)
            {
                throw new InvalidOperationException($"expected 50 components, got {found.Materials.Count}");
            }

            samples[i] = Stopwatch.GetElapsedTime(t0).TotalMilliseconds;
        }

        Array.Sort(samples);
        return (samples[500], samples[990]);
    }

    private static ProductionCountPayload Count(long good, long ts, string? workOrderId) =>
        new() { V = 1, Ts = ts, Good = good, Scrap = 0, Unit = "pcs", WorkOrderId = workOrderId };

    private static WorkOrderPayload Order(string id, int line, long ts) => new()
    {
        V = 1,
        Ts = ts,
        WorkOrderId = id,
        ProductId = "P1",
        Quantity = 1000,
        Unit = "pcs",
        Status = WorkOrderStatus.Released,
        Line = $"acme/bench/area/line{line:D2}",
        Bom = [new BomLine("steel", 2.5, "kg"), new BomLine("paint", 0.05, "l")],
        Routing = [.. Enumerable.Range(1, Operations).Select(m => new RoutingOperation($"op{m}0", $"op{m}0", $"m{m}", 20))],
    };
}

using System.Diagnostics;
using System.Globalization;
using UnsMes.Bench.Edge;
using UnsMes.EdgePublisher.Simulation;
using UnsMes.Oee.Domain;
using UnsMes.Uns.Calendar;

namespace UnsMes.Bench.Oee;

/// <summary>
/// <c>dotnet run -c Release --project tests/UnsMes.Bench -- oee</c>: the OEE calculation core fed with the states and
/// counts of a simulated plant (500 machines by default), as fast as it takes them: events per second, the cost of
/// one event (p50/p99/max), the cost of reading every scope's figures (what the publisher does each second), memory.
/// </summary>
internal static class OeeBench
{
    public static Task<int> RunAsync(string[] args)
    {
        var (machines, hours) = (500, 8.0);
        for (var i = 0; i + 1 < args.Length; i += 2)
        {
            switch (args[i])
            {
                case "--machines": machines = int.Parse(args[i + 1], CultureInfo.InvariantCulture); break;
                case "--hours": hours = double.Parse(args[i + 1], CultureInfo.InvariantCulture); break;
                default: throw new ArgumentException($"unknown option {args[i]}");
            }
        }

        // States and counts are all the calculator reads; the plant needs no process tags here.
        var model = BenchPlant.Create(machines, tagsPerMachine: 0);
        var start = new DateTimeOffset(2026, 11, 23, 6, 0, 0, TimeSpan.Zero);
        Console.Error.WriteLine($"oee: simulating {machines} machines for {hours} h of machine time");
        var events = new PlantSimulator(model, start).AdvanceTo(start.AddHours(hours))
            .Where(c => c is StateChange or CountChange).ToList();

        var calculator = new OeeCalculator(ShiftCalendar.AroundTheClock);
        foreach (var machine in model.Machines)
        {
            calculator.RegisterMachine(machine.Path);
        }

        GC.Collect();
        var memoryBefore = GC.GetTotalMemory(forceFullCollection: true);
        var costs = new double[events.Count];
        var wall = Stopwatch.StartNew();
        for (var i = 0; i < events.Count; i++)
        {
            var t0 = Stopwatch.GetTimestamp();
            _ = events[i] switch
            {
                StateChange s => calculator.RecordState(s.Machine.Path, MachineStateChange.From(s.State)),
                CountChange c => calculator.RecordCount(c.Machine.Path, CounterReading.From(c.Count, c.Count.IdealCycleTimeS ?? 30)),
                _ => null,
            };
            costs[i] = Stopwatch.GetElapsedTime(t0).TotalMicroseconds;
        }

        var seconds = wall.Elapsed.TotalSeconds;
        var memory = GC.GetTotalMemory(forceFullCollection: true) - memoryBefore;
        var read = Stopwatch.StartNew();
        var window = calculator.Windows.Last(w => w.Kind == WindowKind.Hour).Key;
        var scopes = calculator.Scopes.Count(scope => calculator.Result(scope, window) is not null);
        var readMs = read.Elapsed.TotalMilliseconds;
        Array.Sort(costs);
        double Percentile(double p) => costs[Math.Min(costs.Length - 1, (int)(p * costs.Length))];

        Console.Out.WriteLine("| machines | machine hours | events | events/s | p50 µs | p99 µs | max µs | read all scopes ms | scopes | state MiB |");
        Console.Out.WriteLine("|--:|--:|--:|--:|--:|--:|--:|--:|--:|--:|");
        Console.Out.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"| {machines:N0} | {hours:0.#} | {events.Count:N0} | {events.Count / seconds:N0} | {Percentile(0.5):0.0} | {Percentile(0.99):0.0} | {costs[^1]:0} | {readMs:0.0} | {scopes} | {memory / 1048576.0:0.0} |"));
        return Task.FromResult(0);
    }
}

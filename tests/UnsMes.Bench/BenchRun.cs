using System.Runtime.InteropServices;
using MQTTnet;
using UnsMes.Bench.Brokers;
using UnsMes.Bench.Reporting;
using UnsMes.Bench.Scenarios;

namespace UnsMes.Bench;

/// <summary>
/// A whole run: both brokers started side by side for the delivery scenarios (each scenario on one, then the
/// other, alternating who goes first), then each broker fresh and alone for the retained-memory scenario.
/// Every broker process is stopped whatever happens.
/// </summary>
internal static class BenchRun
{
    public static async Task<int> RunAsync(BenchOptions options, CancellationToken cancellationToken)
    {
        var dll = Path.GetFullPath(options.BrokerDll ?? UnsMesBroker.FindDll());
        if (!File.Exists(dll))
        {
            await Console.Error.WriteLineAsync($"The UnsMes broker is not built at {dll}; run `dotnet build -c Release services/UnsMes.Broker` first, or pass --broker-dll.");
            return 1;
        }

        var notes = new List<string>();
        var mosquitto = options.SkipMosquitto ? null : MosquittoBroker.Find(options.Mosquitto);
        if (mosquitto is null)
        {
            notes.Add(options.SkipMosquitto
                ? "Mosquitto skipped (--no-mosquitto): UnsMes figures only."
                : "Mosquitto is not installed: UnsMes figures only, no ratios.");
            Progress.Note(notes[^1]);
        }

        var startedAt = DateTimeOffset.UtcNow;
        var loadAtStart = MachineInfo.LoadAverage();
        var scenarios = await RunDeliveryAsync(dll, mosquitto, options, cancellationToken);
        var retained = await RunRetainedAsync(dll, mosquitto, options, cancellationToken);

        var report = new BenchReport(
            startedAt,
            new MachineInfo(Environment.ProcessorCount, RuntimeInformation.OSDescription, RuntimeInformation.FrameworkDescription,
                $"MQTTnet {typeof(MqttClientFactory).Assembly.GetName().Version}", loadAtStart, MachineInfo.LoadAverage()),
            new RunSettings(options.Messages, options.Messages / 2, options.RetainedTopics, options.RetainedPublishers, options.SteadyRate, options.SteadySeconds,
                options.Window, options.Fan, options.Repeat, options.DrainIdle.TotalSeconds, options.BrokerArgs),
            new BrokerInfo("UnsMes.Broker (Release build, Development environment, anonymous)" + (options.BrokerArgs.Count > 0 ? " " + string.Join(' ', options.BrokerArgs) : ""),
                mosquitto is null ? null : await MosquittoBroker.VersionAsync(mosquitto),
                mosquitto is null ? null : MosquittoBroker.Settings(options.MosquittoConf)),
            scenarios,
            retained,
            notes);
        ResultTable.Print(report, Console.Out);
        await report.WriteAsync(options.JsonPath);
        Progress.Note($"figures written to {options.JsonPath}");

        var failed = scenarios.Any(c => c.Runs.Any(r => r.Error is not null)) || retained.Any(r => r.Error is not null);
        return failed ? 1 : 0;
    }

    private static async Task<List<Comparison>> RunDeliveryAsync(string dll, string? mosquitto, BenchOptions options, CancellationToken cancellationToken)
    {
        var selected = ScenarioCatalog.All(options).Where(s => options.Selects(s.Name)).ToList();
        if (selected.Count == 0)
        {
            return [];
        }

        await using var unsMes = new UnsMesBroker(dll, options.BrokerArgs);
        await using var mosq = mosquitto is null ? null : new MosquittoBroker(mosquitto, options.MosquittoConf);
        List<BrokerProcess> brokers = mosq is null ? [unsMes] : [unsMes, mosq];
        foreach (var broker in brokers)
        {
            await broker.StartAsync(cancellationToken);
            Progress.Note($"{broker.Name} listening on 127.0.0.1:{broker.Port} (pid {broker.ProcessId})");
        }

        foreach (var spec in ScenarioCatalog.WarmUp(options))
        {
            foreach (var broker in brokers)
            {
                Progress.Start($"warm-up {spec.Name}", broker.Name);
                Progress.End($"warm-up {spec.Name}", await DeliveryScenario.RunAsync(broker, spec, options, cancellationToken));
            }
        }

        var comparisons = new List<Comparison>();
        var order = 0;
        foreach (var spec in selected)
        {
            // A rate-limited scenario is long and steady by itself; a burst is short and noisy, so it is repeated.
            var repeats = spec.TotalRate is null ? options.Repeat : 1;
            var runs = brokers.ToDictionary(b => b, _ => new List<Measurement>());
            for (var run = 1; run <= repeats; run++)
            {
                foreach (var broker in order++ % 2 == 0 ? brokers : brokers.AsEnumerable().Reverse())
                {
                    var label = repeats > 1 ? $"{spec.Name} [run {run}/{repeats}]" : spec.Name;
                    Progress.Start(label, broker.Name);
                    var measurement = await DeliveryScenario.RunAsync(broker, spec, options, cancellationToken);
                    Progress.End(label, measurement);
                    runs[broker].Add(measurement);
                }
            }

            comparisons.Add(new Comparison(spec.Name, spec.Kind, (int)spec.Qos, spec.Shape().Label, spec.Publishers, spec.Subscribers,
                Comparison.Median(runs[unsMes]), mosq is null ? null : Comparison.Median(runs[mosq]), spec.Note)
            {
                Runs = runs.Values.SelectMany(r => r).ToList(),
            });
        }

        return comparisons;
    }

    private static async Task<List<RetainedMeasurement>> RunRetainedAsync(string dll, string? mosquitto, BenchOptions options, CancellationToken cancellationToken)
    {
        var results = new List<RetainedMeasurement>();
        if (!options.Selects("retained"))
        {
            return results;
        }

        var factories = new List<Func<BrokerProcess>> { () => new UnsMesBroker(dll, options.BrokerArgs) };
        if (mosquitto is not null)
        {
            factories.Add(() => new MosquittoBroker(mosquitto, options.MosquittoConf));
        }

        foreach (var create in factories)
        {
            await using var broker = create();
            await broker.StartAsync(cancellationToken);
            Progress.Start($"retained {options.RetainedTopics:N0} topics (fresh broker)", broker.Name);
            var result = await RetainedScenario.RunAsync(broker, options, cancellationToken);
            Progress.End(result);
            results.Add(result);
        }

        return results;
    }
}

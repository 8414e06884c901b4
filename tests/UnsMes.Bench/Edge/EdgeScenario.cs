using System.Diagnostics;
using System.Diagnostics.Metrics;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using UnsMes.Bench.Brokers;
using UnsMes.EdgePublisher;
using UnsMes.EdgePublisher.Buffering;
using UnsMes.EdgePublisher.Publishing;
using UnsMes.EdgePublisher.Simulation;
using UnsMes.ServiceDefaults.Uns;

namespace UnsMes.Bench.Edge;

/// <summary>
/// The edge publisher's real path (simulation, deadband/interval filter, store-and-forward sink, resilient UNS
/// client) at real time against the UnsMes broker: every tag of every machine once a second, as a 1 Hz PLC scan.
/// </summary>
internal static class EdgeScenario
{
    private static readonly TimeSpan Tick = TimeSpan.FromMilliseconds(100);

    public static async Task<EdgeScenarioResult> RunAsync(BrokerProcess broker, int machines, TimeSpan duration, CancellationToken cancellationToken)
    {
        var model = BenchPlant.Create(machines);
        var folder = Directory.CreateTempSubdirectory("unsmes-edge-bench-").FullName;
        var confirmed = 0L;
        using var listener = new MeterListener();
        listener.InstrumentPublished = (instrument, l) =>
        {
            if (instrument.Name == "uns.client.published")
            {
                l.EnableMeasurementEvents(instrument);
            }
        };
        listener.SetMeasurementEventCallback<long>((_, value, _, _) => Interlocked.Add(ref confirmed, value));
        listener.Start();

        var options = Options.Create(new EdgeOptions { StoreAndForward = new StoreAndForwardOptions { Path = Path.Combine(folder, "sf.db") } });
        await using var client = new UnsClient("edge-bench", new UnsClientOptions { Host = "127.0.0.1", Port = broker.Port, PublishStatus = false, CleanStart = true }, NullLogger<UnsClient>.Instance, TimeProvider.System);
        using var buffer = new StoreAndForwardBuffer(options.Value.StoreAndForward.Path, 10_000_000);
        using var sink = new StoreAndForwardSink(client, buffer, options, NullLogger<StoreAndForwardSink>.Instance);
        await client.StartAsync(cancellationToken);
        await sink.StartAsync(cancellationToken);
        await client.WaitUntilConnectedAsync(cancellationToken).WaitAsync(TimeSpan.FromSeconds(10), cancellationToken);

        var plant = new PlantSimulator(model, DateTimeOffset.UtcNow);
        var converter = new ChangeToMessages(TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(60));
        var self = Process.GetCurrentProcess();
        var (cpu0, brokerCpu0, wall) = (self.TotalProcessorTime, broker.CpuTime, Stopwatch.StartNew());
        long offered = 0;
        var maxLag = 0.0;
        while (wall.Elapsed < duration)
        {
            var messages = converter.Convert(plant.AdvanceTo(DateTimeOffset.UtcNow));
            offered += messages.Count;
            await sink.SendAsync(messages, cancellationToken);
            maxLag = Math.Max(maxLag, (DateTimeOffset.UtcNow - plant.Now).TotalSeconds);
            var wait = Tick - TimeSpan.FromMilliseconds(wall.Elapsed.TotalMilliseconds % Tick.TotalMilliseconds);
            await Task.Delay(wait, cancellationToken);
        }

        var seconds = wall.Elapsed.TotalSeconds;
        var (cpu, brokerCpu) = (self.TotalProcessorTime - cpu0, broker.CpuTime - brokerCpu0);
        var drain = Stopwatch.StartNew();
        while ((Interlocked.Read(ref confirmed) < offered || sink.Buffered > 0) && drain.Elapsed < TimeSpan.FromSeconds(30))
        {
            await Task.Delay(50, cancellationToken);
        }

        self.Refresh();
        var result = new EdgeScenarioResult(
            machines,
            machines * BenchPlant.TagsPerMachine,
            seconds,
            offered,
            Interlocked.Read(ref confirmed),
            offered / seconds,
            Interlocked.Read(ref confirmed) / seconds,
            maxLag,
            100 * cpu.TotalSeconds / seconds,
            100 * brokerCpu.TotalSeconds / seconds,
            self.WorkingSet64 / 1048576.0,
            broker.ReadMemory().RssBytes / 1048576.0);
        await sink.StopAsync(CancellationToken.None);
        await client.StopAsync(CancellationToken.None);
        Directory.Delete(folder, recursive: true);
        return result;
    }
}

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
/// With several gateways the plant's lines are dealt out to that many independent edge pipelines (each its own
/// connection, buffer and simulation), as a plant runs one edge publisher per area or line.
/// </summary>
internal static class EdgeScenario
{
    private static readonly TimeSpan Tick = TimeSpan.FromMilliseconds(100);

    // The first step publishes the whole plant's image at once (every tag, state and counter), as an edge does once
    // when it starts; the lag that burst causes is not counted against keeping up.
    private static readonly TimeSpan WarmUp = TimeSpan.FromSeconds(3);

    public static async Task<EdgeScenarioResult> RunAsync(BrokerProcess broker, int machines, int gateways, TimeSpan duration, CancellationToken cancellationToken)
    {
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

        var edges = new List<Gateway>();
        foreach (var (model, index) in BenchPlant.Split(machines, gateways).Select((m, i) => (m, i)))
        {
            edges.Add(await Gateway.StartAsync(broker, model, Path.Combine(folder, $"sf-{index}.db"), index, cancellationToken));
        }

        var self = Process.GetCurrentProcess();
        var (cpu0, brokerCpu0, wall) = (self.TotalProcessorTime, broker.CpuTime, Stopwatch.StartNew());
        await Task.WhenAll(edges.Select(e => e.RunAsync(wall, duration, cancellationToken)));
        var seconds = wall.Elapsed.TotalSeconds;
        var (cpu, brokerCpu) = (self.TotalProcessorTime - cpu0, broker.CpuTime - brokerCpu0);
        var offered = edges.Sum(e => e.Offered);
        var drain = Stopwatch.StartNew();
        while ((Interlocked.Read(ref confirmed) < offered || edges.Any(e => e.Buffered > 0)) && drain.Elapsed < TimeSpan.FromSeconds(30))
        {
            await Task.Delay(50, cancellationToken);
        }

        self.Refresh();
        var result = new EdgeScenarioResult(
            machines,
            gateways,
            machines * BenchPlant.TagsPerMachine,
            seconds,
            offered,
            Interlocked.Read(ref confirmed),
            offered / seconds,
            Interlocked.Read(ref confirmed) / seconds,
            edges.Max(e => e.MaxLag),
            100 * cpu.TotalSeconds / seconds,
            100 * brokerCpu.TotalSeconds / seconds,
            self.WorkingSet64 / 1048576.0,
            broker.ReadMemory().RssBytes / 1048576.0);
        foreach (var edge in edges)
        {
            await edge.DisposeAsync();
        }

        Directory.Delete(folder, recursive: true);
        return result;
    }

    /// <summary>One edge publisher: its part of the plant, its connection and its store-and-forward buffer.</summary>
    private sealed class Gateway : IAsyncDisposable
    {
        private readonly UnsClient _client;
        private readonly StoreAndForwardBuffer _buffer;
        private readonly StoreAndForwardSink _sink;
        private readonly PlantSimulator _plant;
        private readonly ChangeToMessages _converter = new(TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(60));

        private Gateway(UnsClient client, StoreAndForwardBuffer buffer, StoreAndForwardSink sink, PlantSimulator plant) =>
            (_client, _buffer, _sink, _plant) = (client, buffer, sink, plant);

        public long Offered { get; private set; }

        public double MaxLag { get; private set; }

        public long Buffered => _sink.Buffered;

        public static async Task<Gateway> StartAsync(BrokerProcess broker, EdgePublisher.Model.PlantModel model, string bufferPath, int index, CancellationToken cancellationToken)
        {
            var options = Options.Create(new EdgeOptions { StoreAndForward = new StoreAndForwardOptions { Path = bufferPath } });
            var client = new UnsClient($"edge-bench-{index}", new UnsClientOptions { Host = "127.0.0.1", Port = broker.Port, PublishStatus = false, CleanStart = true }, NullLogger<UnsClient>.Instance, TimeProvider.System);
            var buffer = new StoreAndForwardBuffer(bufferPath, 10_000_000);
            var sink = new StoreAndForwardSink(client, buffer, options, NullLogger<StoreAndForwardSink>.Instance);
            await client.StartAsync(cancellationToken);
            await sink.StartAsync(cancellationToken);
            await client.WaitUntilConnectedAsync(cancellationToken).WaitAsync(TimeSpan.FromSeconds(10), cancellationToken);
            return new Gateway(client, buffer, sink, new PlantSimulator(model, DateTimeOffset.UtcNow));
        }

        /// <summary>Steps the simulation to the wall clock every tick and publishes what changed, until the run ends.</summary>
        public async Task RunAsync(Stopwatch wall, TimeSpan duration, CancellationToken cancellationToken)
        {
            while (wall.Elapsed < duration)
            {
                var messages = _converter.Convert(_plant.AdvanceTo(DateTimeOffset.UtcNow));
                Offered += messages.Count;
                await _sink.SendAsync(messages, cancellationToken);
                if (wall.Elapsed > WarmUp)
                {
                    MaxLag = Math.Max(MaxLag, (DateTimeOffset.UtcNow - _plant.Now).TotalSeconds);
                }

                var wait = Tick - TimeSpan.FromMilliseconds(wall.Elapsed.TotalMilliseconds % Tick.TotalMilliseconds);
                await Task.Delay(wait, cancellationToken);
            }
        }

        public async ValueTask DisposeAsync()
        {
            await _sink.StopAsync(CancellationToken.None);
            await _client.StopAsync(CancellationToken.None);
            _sink.Dispose();
            _buffer.Dispose();
            await _client.DisposeAsync();
        }
    }
}

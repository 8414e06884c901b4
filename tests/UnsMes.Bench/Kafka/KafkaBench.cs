using System.Globalization;
using UnsMes.Bench.Brokers;
using UnsMes.KafkaFanout;
using UnsMes.KafkaFanout.Tests.Kafka;

namespace UnsMes.Bench.Kafka;

/// <summary>
/// <c>dotnet run -c Release --project tests/UnsMes.Bench -- kafka</c>: MQTT → Kafka through the fan-out, end to end,
/// against a raw Confluent.Kafka producer with the same settings and record shape, both against the same librdkafka
/// mock cluster (3 brokers) in the same run. The raw rate is measured before and after the fan-out runs.
/// </summary>
internal static class KafkaBench
{
    public static async Task<int> RunAsync(string[] args, CancellationToken cancellationToken)
    {
        var settings = KafkaBenchSettings.Parse(args);
        using var cluster = LibrdkafkaMockCluster.Start(brokers: 3);
        Console.Error.WriteLine($"kafka: mock cluster (librdkafka {Confluent.Kafka.Library.VersionString}, {LibrdkafkaMockCluster.LibraryPath}) at {cluster.BootstrapServers}");
        var options = new KafkaFanoutOptions { BootstrapServers = cluster.BootstrapServers };
        var rows = new List<(string Name, double Rate, string Cpu, string Note)>();

        cluster.CreateTopic("raw-before", settings.Partitions, 3);
        var rawBefore = RawProducerRun.Run(options, "raw-before", settings.Messages);
        rows.Add(("raw Confluent.Kafka producer (before)", rawBefore.PerSecond, Micros(rawBefore.CpuMicros), ""));

        foreach (var (name, broker) in Brokers(settings))
        {
            await using (broker)
            {
                await broker.StartAsync(cancellationToken);
                var topic = $"fanout-{name.ToLowerInvariant()}";
                cluster.CreateTopic(topic, settings.Partitions, 3);
                Console.Error.WriteLine($"kafka: fan-out through {name} (127.0.0.1:{broker.Port})");
                var result = await FanoutRun.RunAsync(broker, cluster.BootstrapServers, topic, settings, cancellationToken);
                rows.Add(($"live: publishers → {name} → fan-out → Kafka", result.EndToEndPerSecond, Micros(result.Live),
                    string.Create(CultureInfo.InvariantCulture, $"the QoS 1 publishers alone reached {result.PublishPerSecond:N0} msg/s")));
                rows.Add(($"drain: {name} session → fan-out → Kafka", result.DrainPerSecond, Micros(result.Drain), "messages queued while the fan-out was away"));
            }
        }

        cluster.CreateTopic("raw-after", settings.Partitions, 3);
        var rawAfter = RawProducerRun.Run(options, "raw-after", settings.Messages);
        rows.Add(("raw Confluent.Kafka producer (after)", rawAfter.PerSecond, Micros(rawAfter.CpuMicros), ""));

        var raw = Math.Max(rawBefore.PerSecond, rawAfter.PerSecond);
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"{settings.Messages:N0} messages, ~85 B JSON, {settings.Publishers} publishers, {settings.Connections} ingest connection(s), {settings.Partitions} partitions, window {settings.MaxInFlight:N0}, {Environment.ProcessorCount} cores"));
        Console.WriteLine("CPU µs/msg: this process (fan-out, publishers, mock cluster) + the broker process");
        Console.WriteLine("| path | msg/s | % of raw | CPU µs/msg | note |");
        Console.WriteLine("|---|---:|---:|---:|---|");
        foreach (var (name, rate, cpu, note) in rows)
        {
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"| {name} | {rate:N0} | {rate / raw * 100:N0}% | {cpu} | {note} |"));
        }

        return 0;
    }

    private static string Micros(double process) => string.Create(CultureInfo.InvariantCulture, $"{process:N1}");

    private static string Micros(FanoutRun.CpuPerMessage cpu) => string.Create(CultureInfo.InvariantCulture, $"{cpu.ProcessMicros:N1} + {cpu.BrokerMicros:N1}");

    private static IEnumerable<(string Name, BrokerProcess Broker)> Brokers(KafkaBenchSettings settings)
    {
        var both = settings.Broker == "both";
        if (both || settings.Broker == "unsmes")
        {
            var dll = UnsMesBroker.FindDll();
            if (File.Exists(dll))
            {
                yield return ("UnsMes", new UnsMesBroker(dll, ["--Broker:StatisticsIntervalSeconds=60", "--Broker:MaxPendingMessagesPerClient=2000000"]));
            }
            else
            {
                Console.Error.WriteLine($"kafka: {dll} not built (dotnet build -c Release services/UnsMes.Broker); skipping the UnsMes broker");
            }
        }

        if (both || settings.Broker == "mosquitto")
        {
            var mosquitto = MosquittoBroker.Find(null);
            if (mosquitto is not null)
            {
                yield return ("Mosquitto", new MosquittoBroker(mosquitto, []));
            }
            else
            {
                Console.Error.WriteLine("kafka: mosquitto not installed; skipping it");
            }
        }
    }
}

using System.Diagnostics;
using System.Globalization;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using MQTTnet.Protocol;
using UnsMes.Bench.Brokers;
using UnsMes.Bench.Load;
using UnsMes.Historian;
using UnsMes.Historian.Ingest;
using UnsMes.Historian.Model;
using UnsMes.Historian.Query;
using UnsMes.Historian.Rollups;
using UnsMes.Historian.Storage;
using UnsMes.Historian.Storage.Postgres;
using UnsMes.Historian.Storage.Sqlite;
using UnsMes.Uns.Payloads;

namespace UnsMes.Bench.Historian;

/// <summary>
/// The historian's figures, per store (SQLite, PostgreSQL), in one run: sustained ingest end to end (publishers →
/// UnsMes broker process → historian host in this process → store) against a plain batched insert loop into the same
/// store; then query latency for one day of one 1 Hz tag (86,400 values) raw and in 1-minute buckets.
/// Run with <c>-- historian [--messages 400000] [--publishers 4] [--window 500] [--qos 1] [--store sqlite|postgresql]
/// [--connections 1]</c> (<c>--connections</c>: the historian's ingest connections in one shared subscription group).
/// With <c>--sparkplug [--metrics-per-message 20]</c> the publishers are Sparkplug B edge nodes instead: births first,
/// then DDATA messages of that many metrics each (<see cref="SparkplugDataShape"/>); <c>--messages</c> counts DDATA
/// messages (default 50,000) and the table shows points/s and messages/s.
/// </summary>
internal static class HistorianBench
{
    private const int TagsPerPublisher = 100;
    private const long Day = 86_400_000;

    public static async Task<int> RunAsync(string[] args, CancellationToken cancellationToken)
    {
        var sparkplug = args.Contains("--sparkplug");
        var metricsPerMessage = sparkplug ? Option(args, "--metrics-per-message", 20) : 1;
        var messages = Option(args, "--messages", sparkplug ? 50_000 : 400_000);
        var publishers = Option(args, "--publishers", 4);
        var window = Option(args, "--window", 500);
        var qos = (MqttQualityOfServiceLevel)Option(args, "--qos", 1);
        var connections = Option(args, "--connections", 1);
        var only = Array.IndexOf(args, "--store") is var at and >= 0 && at + 1 < args.Length ? args[at + 1] : null;
        var work = Directory.CreateTempSubdirectory("unsmes-bench-historian-").FullName;
        await using var broker = new UnsMesBroker(Path.GetFullPath(UnsMesBroker.FindDll()), ["--Broker:MaxPendingMessagesPerClient=2000000"]);
        await broker.StartAsync(cancellationToken);
        await using var postgres = await ThrowawayPostgres.StartAsync();
        var shape = sparkplug ? new SparkplugDataShape(0, Math.Max(1, TagsPerPublisher / metricsPerMessage), metricsPerMessage) : null;
        var what = shape is null
            ? string.Create(CultureInfo.InvariantCulture, $"{messages:N0} _tag messages (one point each) from {publishers} publishers")
            : string.Create(CultureInfo.InvariantCulture,
                $"{messages:N0} Sparkplug DDATA messages of {metricsPerMessage} metrics ({messages * (long)metricsPerMessage:N0} points) from {publishers} edge nodes of {shape.Devices} devices");
        await Console.Out.WriteLineAsync(string.Create(CultureInfo.InvariantCulture,
            $"{what}, QoS {(int)qos}, window {window}; {connections} historian ingest connection(s); {Environment.ProcessorCount} cores"));
        await Console.Out.WriteLineAsync();
        await Console.Out.WriteLineAsync("| store | plain insert loop, points/s | end to end, points/s | end to end, messages/s | CPU s bench / broker / PostgreSQL | CPU µs per point | peak memory MB (bench) | raw day (86,400), ms | 1-min buckets, ms (source) | 1-min buckets from raw, ms |");
        await Console.Out.WriteLineAsync("|---|--:|--:|--:|--:|--:|--:|--:|--:|--:|");

        var stores = new List<(string Name, Func<string, IDictionary<string, string?>> Settings, Func<string, Task<IHistorianStore>> Create)>
        {
            ("SQLite", name => new Dictionary<string, string?> { ["Historian:Store"] = "Sqlite", ["Historian:SqlitePath"] = Path.Combine(work, $"{name}.db") },
                name => Task.FromResult<IHistorianStore>(new SqliteHistorianStore(Path.Combine(work, $"{name}.db")))),
        };
        if (postgres is not null)
        {
            stores.Add(("PostgreSQL", name => new Dictionary<string, string?> { ["Historian:Store"] = "Postgres", ["Historian:PostgresConnectionString"] = Database(postgres, name) },
                async name => new PostgresHistorianStore(await CreateDatabaseAsync(postgres, name))));
        }

        foreach (var (name, settings, create) in stores.Where(s => only is null || s.Name.Equals(only, StringComparison.OrdinalIgnoreCase)))
        {
            var plain = await PlainInsertLoopAsync(await create("plain"), messages * metricsPerMessage, publishers, cancellationToken);
            await (await create("e2e")).DisposeAsync(); // creates the PostgreSQL database
            var (endToEnd, cpu, memory, queries) = await EndToEndAsync(broker, postgres, settings("e2e"), messages, publishers, window, qos, connections, shape, cancellationToken);
            var database = name == "PostgreSQL" ? cpu.Database.ToString("0.0", CultureInfo.InvariantCulture) : "-";
            await Console.Out.WriteLineAsync(string.Create(CultureInfo.InvariantCulture,
                $"| {name} | {plain:N0} | {endToEnd:N0} | {endToEnd / metricsPerMessage:N0} | {cpu.Bench:0.0} / {cpu.Broker:0.0} / {database} | {cpu.Total * 1e6 / (messages * (double)metricsPerMessage):0.0} | {memory:N0} | {queries.RawMs:0.0} | {queries.BucketsMs:0.0} ({queries.Source}) | {queries.BucketsFromRawMs:0.0} |"));
        }

        if (postgres is null)
        {
            await Console.Out.WriteLineAsync("PostgreSQL is not installed (apt-get install postgresql-15): its row is missing.");
        }

        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        Directory.Delete(work, recursive: true);
        return 0;
    }

    /// <summary>The store alone: the same points written in batches of 10,000 in a loop, no broker, no decoding.</summary>
    private static async Task<double> PlainInsertLoopAsync(IHistorianStore store, int messages, int publishers, CancellationToken cancellationToken)
    {
        await using var _ = store;
        await store.InitializeAsync(cancellationToken);
        var t0 = DateTimeOffset.UtcNow.ToUnixTimeMilliseconds() - Day;
        var received = t0 + Day;
        var points = Enumerable.Range(0, messages).Select(i =>
            new HistoryPoint($"uns/v1/bench/s1/a1/l1/c{i % publishers}/_tag/t{i / publishers % TagsPerPublisher}", t0 + (i / publishers), received, TagKind.Number, i * 0.5, null, Quality.Good, false, "degC")).ToList();
        var watch = Stopwatch.StartNew();
        foreach (var batch in points.Chunk(10_000))
        {
            await store.WriteAsync(batch, [], cancellationToken);
        }

        return messages / watch.Elapsed.TotalSeconds;
    }

    /// <summary>CPU seconds of the bench process (publishers and historian), the broker and the PostgreSQL server.</summary>
    private sealed record CpuFigures(double Bench, double Broker, double Database)
    {
        public double Total => Bench + Broker + Database;
    }

    private static async Task<(double PointsPerSecond, CpuFigures Cpu, long PeakMemoryMb, QueryFigures Queries)> EndToEndAsync(
        UnsMesBroker broker, ThrowawayPostgres? postgres, IDictionary<string, string?> settings, int messages, int publishers, int window, MqttQualityOfServiceLevel qos, int connections,
        SparkplugDataShape? sparkplug, CancellationToken cancellationToken)
    {
        var builder = WebApplication.CreateBuilder();
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Uns:Host"] = "127.0.0.1",
            ["Uns:Port"] = broker.Port.ToString(CultureInfo.InvariantCulture),
            ["Uns:ClientId"] = $"historian-bench-{Guid.NewGuid():N}",
            ["Uns:CleanStart"] = "true",
            ["Historian:Filters:0"] = "uns/v1/bench/+/+/+/+/_tag/+",
            ["Historian:DefaultDeadband"] = "-1",
            ["Historian:MaintenanceIntervalSeconds"] = "86400",
            ["Historian:Sparkplug:Filter"] = $"spBv1.0/{SparkplugDataShape.Group}/#",
            ["Historian:Sparkplug:RequestRebirth"] = "false",
            ["Historian:IngestConnections"] = connections.ToString(CultureInfo.InvariantCulture),
            ["Urls"] = $"http://127.0.0.1:{FreePort.Next()}",
        });
        builder.Configuration.AddInMemoryCollection(settings);
        builder.Logging.SetMinimumLevel(LogLevel.Warning);
        builder.AddHistorian();
        await using var app = builder.Build();
        await app.StartAsync(cancellationToken);
        var status = app.Services.GetRequiredService<IngestStatus>();

        // One probe message proves the subscription is in place before the clock starts.
        var t0 = DateTimeOffset.UtcNow.ToUnixTimeMilliseconds() - Day;
        var clients = new List<MQTTnet.IMqttClient>();
        for (var p = 0; p < publishers; p++)
        {
            clients.Add(await BenchClient.ConnectAsync(broker.Port, $"historian-bench-pub-{p}", cancellationToken));
        }

        if (sparkplug is null)
        {
            var probe = new HistorianTagShape(t0 - 1000, TagsPerPublisher);
            while (status.Points == 0)
            {
                await Publisher.RunAsync(clients[0], 0, 1, new PublishPlan("probe", probe, MqttQualityOfServiceLevel.AtLeastOnce, false, 1), cancellationToken);
                await Task.Delay(200, cancellationToken);
            }
        }
        else
        {
            // The births define the aliases (and are recorded): all of them must be in before the data starts.
            sparkplug = new SparkplugDataShape(t0, sparkplug.Devices, sparkplug.MetricsPerDevice);
            var birthPoints = (long)publishers * sparkplug.Devices * sparkplug.MetricsPerDevice;
            while (status.Points < birthPoints)
            {
                for (var p = 0; p < publishers; p++)
                {
                    foreach (var (topic, payload) in sparkplug.Births(p, t0 - 1000))
                    {
                        await clients[p].PublishAsync(new MQTTnet.MqttApplicationMessageBuilder().WithTopic(topic).WithPayload(payload)
                            .WithQualityOfServiceLevel(MqttQualityOfServiceLevel.AtLeastOnce).Build(), cancellationToken);
                    }
                }

                await Task.Delay(500, cancellationToken);
            }
        }

        var before = status.Points;
        var self = Process.GetCurrentProcess();
        var brokerProcess = Process.GetProcessById(broker.ProcessId);
        var benchBefore = self.TotalProcessorTime;
        var brokerBefore = brokerProcess.TotalProcessorTime;
        var databaseBefore = postgres?.CpuSeconds() ?? 0;
        var watch = Stopwatch.StartNew();
        IMessageShape shape = sparkplug ?? (IMessageShape)new HistorianTagShape(t0, TagsPerPublisher);
        var pointsPerMessage = sparkplug?.MetricsPerDevice ?? 1;
        var perPublisher = messages / publishers;
        await Task.WhenAll(clients.Select((c, p) => Publisher.RunAsync(c, p, perPublisher, new PublishPlan("bench", shape, qos, false, window), cancellationToken)));
        var expected = before + ((long)perPublisher * publishers * pointsPerMessage);
        var timeout = Stopwatch.StartNew();
        while (status.Points < expected && timeout.Elapsed < TimeSpan.FromMinutes(5))
        {
            await Task.Delay(5, cancellationToken);
        }

        var elapsed = watch.Elapsed.TotalSeconds;
        self.Refresh();
        brokerProcess.Refresh();
        var cpu = new CpuFigures(
            (self.TotalProcessorTime - benchBefore).TotalSeconds,
            (brokerProcess.TotalProcessorTime - brokerBefore).TotalSeconds,
            (postgres?.CpuSeconds() ?? 0) - databaseBefore);
        var stored = status.Points - before;
        foreach (var client in clients)
        {
            await BenchClient.CloseAsync(client);
        }

        var queries = await QueryFiguresAsync(app.Services, cancellationToken);
        await app.StopAsync(cancellationToken);
        return (stored / elapsed, cpu, self.PeakWorkingSet64 / (1024 * 1024), queries);
    }

    private sealed record QueryFigures(double RawMs, double BucketsMs, string Source, double BucketsFromRawMs);

    /// <summary>One day of one 1 Hz tag (86,400 values), rolled up; medians of repeated queries.</summary>
    private static async Task<QueryFigures> QueryFiguresAsync(IServiceProvider services, CancellationToken cancellationToken)
    {
        var store = services.GetRequiredService<IHistorianStore>();
        var day = ((DateTimeOffset.UtcNow.ToUnixTimeMilliseconds() / Day) - 3) * Day;
        const string name = "uns/v1/bench/s1/a1/l2/m1/_tag/one_hertz";
        var points = Enumerable.Range(0, 86_400).Select(i => new HistoryPoint(name, day + (i * 1000L), day, TagKind.Number, Math.Sin(i / 600.0) * 50, null, Quality.Good, false)).ToList();
        foreach (var batch in points.Chunk(10_000))
        {
            await store.WriteAsync(batch, [], cancellationToken);
        }

        await new RollupBuilder(store).RollUpAsync(day + Day, cancellationToken);
        var tag = (await store.TagsAsync(cancellationToken)).Single(t => t.Name == name);
        var queries = new HistoryQueries(store, services.GetRequiredService<IOptions<HistorianOptions>>(), TimeProvider.System);
        var raw = await MedianMsAsync(async () => (await store.RawAsync(tag, day, day + Day, 86_400, cancellationToken)).Count, 86_400);
        Resolution source = default;
        var buckets = await MedianMsAsync(async () =>
        {
            var (used, result) = await queries.AggregateAsync(tag, day, day + Day, 60_000, null, cancellationToken);
            source = used;
            return result.Count;
        }, 1440);
        var fromRaw = await MedianMsAsync(async () => (await queries.AggregateAsync(tag, day, day + Day, 60_000, Resolution.Raw, cancellationToken)).Buckets.Count, 1440);
        return new QueryFigures(raw, buckets, source.Name(), fromRaw);
    }

    private static async Task<double> MedianMsAsync(Func<Task<int>> query, int expected)
    {
        var times = new List<double>();
        for (var i = 0; i < 12; i++)
        {
            var watch = Stopwatch.StartNew();
            var count = await query();
            times.Add(watch.Elapsed.TotalMilliseconds);
            if (count != expected)
            {
                throw new InvalidOperationException($"the query returned {count} rows, not {expected}");
            }
        }

        times.Sort();
        return times[times.Count / 2];
    }

    private static string Database(ThrowawayPostgres postgres, string name) => postgres.ConnectionString.Replace("Database=postgres", $"Database=bench_{name}", StringComparison.Ordinal);

    private static async Task<string> CreateDatabaseAsync(ThrowawayPostgres postgres, string name)
    {
        await using var connection = new Npgsql.NpgsqlConnection(postgres.ConnectionString);
        await connection.OpenAsync();
        await using var command = new Npgsql.NpgsqlCommand($"CREATE DATABASE bench_{name};", connection);
        await command.ExecuteNonQueryAsync();
        return Database(postgres, name);
    }

    private static int Option(string[] args, string name, int fallback)
    {
        var index = Array.IndexOf(args, name);
        return index >= 0 && index + 1 < args.Length ? int.Parse(args[index + 1], CultureInfo.InvariantCulture) : fallback;
    }
}

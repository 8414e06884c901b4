using System.Diagnostics;
using System.Globalization;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using UnsMes.ErpBridge;
using UnsMes.ErpBridge.Adapters;
using UnsMes.ErpBridge.Adapters.Tryton;
using UnsMes.ErpBridge.Outbox;
using UnsMes.ReferenceErp;

namespace UnsMes.Bench.Erp;

/// <summary>
/// <c>dotnet run -c Release --project tests/UnsMes.Bench -- erp</c>: the bridge's write-back path (outbox in SQLite,
/// Polly pipeline, REST adapter over loopback HTTP, the reference ERP booking in its own SQLite) measured two ways:
/// throughput of a full outbox, and the drain after an hour-long ERP outage at plant rate. With <c>--tryton-url</c>
/// also labor write-backs to a running Tryton. The drain loop is the delivery service's (one record at a time, in
/// order), run here without MQTT so only the write-back path is measured.
/// </summary>
internal static class ErpBench
{
    public static async Task<int> RunAsync(string[] args)
    {
        var options = ErpBenchOptions.Parse(args);
        var directory = Directory.CreateTempSubdirectory("unsmes-erp-bench-").FullName;
        try
        {
            var port = FreeTcpPort();
            await using var erp = await StartReferenceErpAsync(directory, port);
            var baseUrl = $"http://127.0.0.1:{port}/erp/";

            // 1. Throughput: a full outbox drained as fast as the ERP books.
            var intake = Stopwatch.StartNew();
            using var store = new OutboxStore(Path.Combine(directory, "throughput.db"));
            var now = DateTimeOffset.UtcNow.ToUnixTimeMilliseconds();
            foreach (var (id, topic, json) in BenchRecords.Generate(options.Records, "t"))
            {
                store.TryAdd(id, topic, json, now);
            }

            intake.Stop();
            var intakeRate = options.Records / intake.Elapsed.TotalSeconds;
            using var http = new HttpClient { BaseAddress = new Uri(baseUrl) };
            var rest = new RestErpAdapter(http);
            var drained = await DrainAsync(store, rest, new DeliveryOptions(), TimeSpan.FromMinutes(10));
            Report("outbox intake (SQLite, synchronous=FULL)", options.Records, intake.Elapsed, intakeRate);
            Report("write-back to the reference ERP", options.Records, drained, options.Records / drained.TotalSeconds);

            // 2. One hour of ERP outage at plant rate: the records pile up, then the ERP comes back.
            var outageRecords = options.OutageRecords;
            using var outageStore = new OutboxStore(Path.Combine(directory, "outage.db"));
            var hourAgo = now - 3_600_000;
            var k = 0;
            foreach (var (id, topic, json) in BenchRecords.Generate(outageRecords, "o"))
            {
                outageStore.TryAdd(id, topic, json, hourAgo + (3_600_000L * k++ / outageRecords));
            }

            var downPort = FreeTcpPort();
            using var downHttp = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{downPort}/erp/") };
            var figures = outageStore.Figures();
            Console.WriteLine($"outage: {figures.Pending} records pending, oldest {figures.OldestPendingAgeSeconds(DateTimeOffset.UtcNow.ToUnixTimeMilliseconds()):F0} s old; ERP down at :{downPort}");
            await using var late = new LateErp(directory, downPort);
            var delivery = new DeliveryOptions(); // the shipped defaults: 15 s break, 2 s pause after a failure
            var drain = DrainAsync(outageStore, new RestErpAdapter(downHttp), delivery, TimeSpan.FromMinutes(10));
            await Task.Delay(TimeSpan.FromSeconds(options.DownSeconds));
            var back = Stopwatch.StartNew();
            await late.StartAsync();
            var firstBooking = TimeSpan.Zero;
            while (!drain.IsCompleted && outageStore.Figures().Delivered == 0)
            {
                await Task.Delay(10);
            }

            firstBooking = back.Elapsed;
            await drain;
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"  first booking {firstBooking.TotalSeconds:F2} s after the ERP was back (the circuit's break and the pause after a failure), then {(back.Elapsed - firstBooking).TotalSeconds:F2} s to drain"));
            Report($"drain after 1 h outage ({outageRecords} records, ERP back after {options.DownSeconds} s down in the run)", outageRecords, back.Elapsed, outageRecords / back.Elapsed.TotalSeconds);

            if (options.TrytonUrl is not null)
            {
                await TrytonAsync(options, directory);
            }

            return 0;
        }
        finally
        {
            Directory.Delete(directory, recursive: true);
        }
    }

    private static async Task TrytonAsync(ErpBenchOptions options, string directory)
    {
        using var store = new OutboxStore(Path.Combine(directory, "tryton.db"));
        var now = DateTimeOffset.UtcNow.ToUnixTimeMilliseconds();
        foreach (var (id, topic, json) in BenchRecords.Labor(options.TrytonRecords, options.TrytonOrder!, options.TrytonEmployee, options.TrytonOperation))
        {
            store.TryAdd(id, topic, json, now);
        }

        using var http = new HttpClient();
        using var tryton = new TrytonErpAdapter(http, new TrytonOptions { Url = options.TrytonUrl!, Database = options.TrytonDatabase, User = "admin", Password = options.TrytonPassword });
        var elapsed = await DrainAsync(store, tryton, new DeliveryOptions { AttemptTimeoutMs = 60_000 }, TimeSpan.FromMinutes(30));
        Report("labor write-back to Tryton (timesheet lines)", options.TrytonRecords, elapsed, options.TrytonRecords / elapsed.TotalSeconds);
    }

    /// <summary>The delivery service's loop: oldest first, one at a time, a pause after a record that could not go out.</summary>
    private static async Task<TimeSpan> DrainAsync(OutboxStore store, IErpAdapter adapter, DeliveryOptions delivery, TimeSpan limit)
    {
        var pipeline = new DeliveryPipeline(delivery, TimeProvider.System, NullLogger.Instance);
        var watch = Stopwatch.StartNew();
        while (store.Figures().Pending > 0)
        {
            if (watch.Elapsed > limit)
            {
                throw new TimeoutException($"outbox not drained in {limit}");
            }

            foreach (var record in store.NextPending(delivery.BatchSize))
            {
                try
                {
                    var response = WriteBackMapper.ToJobResponse(record.Topic, record.Payload);
                    var receipt = await pipeline.ExecuteAsync(record.MessageId, ct => adapter.WriteBackAsync(response, ct), CancellationToken.None);
                    store.MarkDelivered(record.Seq, receipt.BookingId, DateTimeOffset.UtcNow.ToUnixTimeMilliseconds());
                }
                catch (ErpRejectedException ex)
                {
                    store.Park(record.Seq, ex.Message);
                }
                catch (Exception ex) when (ex is Polly.CircuitBreaker.BrokenCircuitException || DeliveryPipeline.IsTransient(ex) || ex is OperationCanceledException)
                {
                    store.NoteFailure(record.Seq, ex.Message);
                    await Task.Delay(delivery.PauseAfterFailureMs);
                    break;
                }
            }
        }

        var parked = store.Figures().Parked;
        if (parked > 0)
        {
            Console.WriteLine($"  ({parked} records parked: {(store.List(OutboxState.Parked, 1) is [var first, ..] ? first.ParkedReason : null)})");
        }

        return watch.Elapsed;
    }

    private static void Report(string what, int records, TimeSpan elapsed, double perSecond) =>
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{what}: {records} records in {elapsed.TotalSeconds:F2} s = {perSecond:F0} records/s"));

    internal static async Task<WebApplication> StartReferenceErpAsync(string directory, int port)
    {
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions { ContentRootPath = directory, EnvironmentName = "Production" });
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?> { ["ReferenceErp:DatabasePath"] = Path.Combine(directory, $"erp-{port}.db") });
        builder.WebHost.UseUrls($"http://127.0.0.1:{port}");
        builder.Logging.ClearProviders();
        builder.AddReferenceErp();
        var app = builder.Build();
        app.MapReferenceErp();
        await app.StartAsync();
        return app;
    }

    internal static int FreeTcpPort()
    {
        using var listener = new System.Net.Sockets.TcpListener(System.Net.IPAddress.Loopback, 0);
        listener.Start();
        return ((System.Net.IPEndPoint)listener.LocalEndpoint).Port;
    }

    /// <summary>The reference ERP that comes back after the outage, on the port the bridge has been knocking on.</summary>
    private sealed class LateErp(string directory, int port) : IAsyncDisposable
    {
        private WebApplication? _app;

        public async Task StartAsync() => _app = await StartReferenceErpAsync(directory, port);

        public async ValueTask DisposeAsync()
        {
            if (_app is not null)
            {
                await _app.DisposeAsync();
            }
        }
    }
}

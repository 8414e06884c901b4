using System.Diagnostics;
using System.Globalization;
using UnsMes.Historian.Model;
using UnsMes.Historian.Storage;
using UnsMes.Historian.Storage.Postgres;
using UnsMes.Historian.Storage.Sqlite;
using UnsMes.Testing;

namespace UnsMes.Historian.Tests;

/// <summary>Faults under ingest: the database goes away and comes back; the historian process is killed and restarted.</summary>
public class FaultTests
{
    private const string Spindle = $"{Publish.Cell}/_tag/spindle_load";

    [Test]
    public async Task PostgresStoppedAndStartedUnderIngest_EveryValueIsStoredOnce()
    {
        await using var server = await PostgresServer.StartAsync();
        var connection = await server.CreateDatabaseAsync();
        await using var broker = await TestBroker.StartAsync();
        await using var historian = await HistorianHost.StartAsync(broker, new Dictionary<string, string?>
        {
            ["Historian:Store"] = "Postgres",
            ["Historian:PostgresConnectionString"] = connection,
            ["Historian:DefaultDeadband"] = "-1",
            ["Uns:Clients:historian:ClientId"] = "historian-pg-outage",
        });
        using var machine = await TestClients.ConnectAsync(broker);

        const int count = 3000;
        var t0 = Publish.Now() - 3_600_000;
        var publishing = Task.Run(async () =>
        {
            for (var i = 0; i < count; i++)
            {
                await machine.PublishAsync(Publish.Tag("spindle_load", t0 + i, i));
                if (i % 10 == 0)
                {
                    await Task.Delay(1);
                }
            }
        });

        await WaitUntilAsync(() => historian.Status.Points >= 300, "values stored before the outage");
        await server.StopAsync();
        await WaitUntilAsync(() => historian.Status.StoreError is not null, "the ingest noticing the outage");
        var duringOutage = historian.Status.Points;
        await Task.Delay(TimeSpan.FromSeconds(1));
        Assert.That(historian.Status.Points, Is.EqualTo(duringOutage), "nothing is stored while the database is down");
        await server.StartAgainAsync();
        await publishing;

        await WaitUntilAsync(() => historian.Status.Points >= count, "every value stored after the outage", TimeSpan.FromSeconds(60));
        Assert.That(historian.Status.StoreError, Is.Null);
        await using var store = new PostgresHistorianStore(connection);
        await AssertAllStoredOnceAsync(store, t0, count);
    }

    [Test]
    public async Task HistorianKilledWithMessagesInFlight_RestartsAndLosesOrDuplicatesNothing()
    {
        var directory = Directory.CreateTempSubdirectory("unsmes-historian-kill-").FullName;
        var database = Path.Combine(directory, "history.db");
        try
        {
            await using var broker = await TestBroker.StartAsync();
            using var machine = await TestClients.ConnectAsync(broker);
            const int beforeKill = 2000;
            const int whileDead = 1000;
            var t0 = Publish.Now() - 3_600_000;

            var subscribed = broker.WaitForSubscriptionAsync("uns/v1/+/+/+/+/+/_tag/+", TimeSpan.FromSeconds(30));
            using (var historian = StartProcess(broker, database))
            {
                try
                {
                    await subscribed;
                    for (var i = 0; i < beforeKill; i++)
                    {
                        await machine.PublishAsync(Publish.Tag("spindle_load", t0 + i, i));
                    }
                }
                finally
                {
                    // SIGKILL while the batch (closed only after 3 s) still holds the messages.
                    historian.Kill();
                    await historian.WaitForExitAsync();
                }
            }

            await using (var store = new SqliteHistorianStore(database))
            {
                await store.InitializeAsync(CancellationToken.None);
                var tag = (await store.TagsAsync(CancellationToken.None)).SingleOrDefault();
                var storedAtKill = tag is null ? 0 : await store.CountAsync(tag, t0, t0 + beforeKill, CancellationToken.None);
                Assert.That(storedAtKill, Is.LessThan(beforeKill), "messages were in flight when the historian died");
            }

            for (var i = beforeKill; i < beforeKill + whileDead; i++)
            {
                await machine.PublishAsync(Publish.Tag("spindle_load", t0 + i, i));
            }

            using (var restarted = StartProcess(broker, database))
            {
                try
                {
                    await using var store = new SqliteHistorianStore(database);
                    await store.InitializeAsync(CancellationToken.None);
                    await WaitUntilAsync(async () => await CountAsync(store, t0) >= beforeKill + whileDead, "the restarted historian catching up", TimeSpan.FromSeconds(60));
                    await AssertAllStoredOnceAsync(store, t0, beforeKill + whileDead);
                }
                finally
                {
                    restarted.Kill();
                    await restarted.WaitForExitAsync();
                }
            }
        }
        finally
        {
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
            Directory.Delete(directory, recursive: true);
        }
    }

    private static Process StartProcess(TestBroker broker, string database)
    {
        var info = new ProcessStartInfo("dotnet") { UseShellExecute = false };
        info.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "UnsMes.Historian.dll"));
        foreach (var argument in new[]
                 {
                     $"--urls=http://127.0.0.1:{FreePort.Next()}", "--Uns:Host=127.0.0.1", $"--Uns:Port={broker.Port.ToString(CultureInfo.InvariantCulture)}",
                     "--Uns:ReconnectMaxDelaySeconds=1", "--Uns:Clients:historian:ClientId=historian-kill-test", $"--Historian:SqlitePath={database}",
                     "--Historian:BatchMaxDelayMs=3000", "--Historian:BatchSize=1000000", "--Historian:DefaultDeadband=-1", "--Logging:LogLevel:Default=Warning",
                 })
        {
            info.ArgumentList.Add(argument);
        }

        return Process.Start(info) ?? throw new InvalidOperationException("the historian did not start");
    }

    private static async Task<long> CountAsync(SqliteHistorianStore store, long t0)
    {
        var tag = (await store.TagsAsync(CancellationToken.None)).SingleOrDefault(t => t.Name == Spindle);
        return tag is null ? 0 : await store.CountAsync(tag, t0, t0 + 1_000_000, CancellationToken.None);
    }

    private static async Task AssertAllStoredOnceAsync(IHistorianStore store, long t0, int count)
    {
        var tag = (await store.TagsAsync(CancellationToken.None)).Single(t => t.Name == Spindle);
        var points = await store.RawAsync(tag, t0, t0 + 1_000_000, 1_000_000, CancellationToken.None);
        Assert.That(points.Select(p => p.Ts - t0), Is.EqualTo(Enumerable.Range(0, count).Select(i => (long)i)), "every value, once, in order");
        Assert.That(points.Select(p => p.Number), Is.EqualTo(Enumerable.Range(0, count).Select(i => (double)i)));
        Assert.That(points.All(p => p.Kind == TagKind.Number));
    }

    private static Task WaitUntilAsync(Func<bool> condition, string what, TimeSpan? timeout = null) =>
        WaitUntilAsync(() => Task.FromResult(condition()), what, timeout);

    private static async Task WaitUntilAsync(Func<Task<bool>> condition, string what, TimeSpan? timeout = null)
    {
        var deadline = Stopwatch.StartNew();
        while (!await condition())
        {
            if (deadline.Elapsed > (timeout ?? TimeSpan.FromSeconds(20)))
            {
                Assert.Fail($"timed out waiting for {what}");
            }

            await Task.Delay(25);
        }
    }
}

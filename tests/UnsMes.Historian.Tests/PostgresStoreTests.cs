using UnsMes.Testing;
using UnsMes.Historian.Storage;
using UnsMes.Historian.Storage.Postgres;

namespace UnsMes.Historian.Tests;

/// <summary>The same store behaviour against a real PostgreSQL 15 (one server for the fixture, a database per test).</summary>
public class PostgresStoreTests : StoreBehaviour
{
    private PostgresServer? _server;

    [OneTimeSetUp]
    public async Task StartServerAsync() => _server = await PostgresServer.StartAsync();

    [OneTimeTearDown]
    public async Task StopServerAsync()
    {
        if (_server is not null)
        {
            await _server.DisposeAsync();
        }
    }

    protected override async Task<IHistorianStore> CreateStoreAsync() =>
        new PostgresHistorianStore(await _server!.CreateDatabaseAsync());

    protected override void AssertRetention(RetentionReport report, long firstValue)
    {
        var day = firstValue - (firstValue % 86_400_000);
        Assert.That(report.PartitionsDropped, Does.Contain(PostgresHistorianStore.PartitionName("samples", day)), "the oldest day's partition dropped whole");
        Assert.That(report.RowsDeleted, Is.EqualTo(1), "the event");
    }

    protected override void AssertPartitions(IReadOnlyList<string> partitions) =>
        Assert.That(partitions.Count(p => p.StartsWith("samples_", StringComparison.Ordinal)), Is.EqualTo(2), "one partition per day written");
}

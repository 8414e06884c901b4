using UnsMes.Historian.Storage;
using UnsMes.Historian.Storage.Sqlite;

namespace UnsMes.Historian.Tests;

/// <summary>The store behaviour against SQLite files in a temp folder.</summary>
public class SqliteStoreTests : StoreBehaviour
{
    private string _directory = null!;

    [OneTimeSetUp]
    public void CreateFolder() => _directory = Directory.CreateTempSubdirectory("unsmes-historian-sqlite-").FullName;

    [OneTimeTearDown]
    public void RemoveFolder()
    {
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        Directory.Delete(_directory, recursive: true);
    }

    protected override Task<IHistorianStore> CreateStoreAsync() =>
        Task.FromResult<IHistorianStore>(new SqliteHistorianStore(Path.Combine(_directory, $"{Guid.NewGuid():N}.db")));

    protected override void AssertRetention(RetentionReport report, long firstValue) =>
        Assert.That(report.RowsDeleted, Is.GreaterThan(1), "raw values and the event deleted row by row");

    protected override void AssertPartitions(IReadOnlyList<string> partitions) => Assert.That(partitions, Is.Empty);
}

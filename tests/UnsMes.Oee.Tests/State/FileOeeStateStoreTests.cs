using UnsMes.Oee.Domain;
using UnsMes.Oee.State;
using UnsMes.ServiceDefaults.State;

namespace UnsMes.Oee.Tests.State;

/// <summary>The embedded default keeps the snapshot in a file that a kill mid-write cannot damage.</summary>
public class FileOeeStateStoreTests
{
    private string _directory = "";

    [SetUp]
    public void CreateDirectory() => _directory = Directory.CreateTempSubdirectory("oee-state-").FullName;

    [TearDown]
    public void DeleteDirectory() => Directory.Delete(_directory, recursive: true);

    [Test]
    public async Task SavedSnapshot_LoadsBackTheSame()
    {
        var file = new FileSnapshotStore(Path.Combine(_directory, "nested", "state.json"));
        var store = new OeeStateStore(file);
        var snapshot = Snapshots.MidShift();

        await store.SaveAsync(snapshot, CancellationToken.None);
        var loaded = await store.LoadAsync(CancellationToken.None);

        Assert.Multiple(() =>
        {
            Assert.That(loaded, Is.Not.Null);
            Assert.That(OeeSnapshotJson.Write(loaded!), Is.EqualTo(OeeSnapshotJson.Write(snapshot)));
            Assert.That(File.ReadAllText(file.Path), Is.EqualTo(OeeSnapshotJson.Write(snapshot)));
            Assert.That(File.Exists(file.TemporaryPath), Is.False);
        });
    }

    [Test]
    public async Task MissingFile_LoadsNothing()
    {
        var file = new FileSnapshotStore(Path.Combine(_directory, "state.json"));
        var store = new OeeStateStore(file);

        Assert.That(await store.LoadAsync(CancellationToken.None), Is.Null);
    }

    [Test]
    public async Task HalfWrittenTemporaryFile_LeftByAKill_DoesNotBreakLoading()
    {
        var file = new FileSnapshotStore(Path.Combine(_directory, "state.json"));
        var store = new OeeStateStore(file);
        var snapshot = Snapshots.MidShift();
        await store.SaveAsync(snapshot, CancellationToken.None);
        var json = OeeSnapshotJson.Write(snapshot);
        await File.WriteAllTextAsync(file.TemporaryPath, json[..(json.Length / 2)]);

        var loaded = await store.LoadAsync(CancellationToken.None);

        Assert.That(OeeSnapshotJson.Write(loaded!), Is.EqualTo(json));
    }

    [Test]
    public async Task HalfWrittenTemporaryFile_WithoutASnapshot_LoadsNothing_AndTheNextSaveReplacesIt()
    {
        var file = new FileSnapshotStore(Path.Combine(_directory, "state.json"));
        var store = new OeeStateStore(file);
        await File.WriteAllTextAsync(file.TemporaryPath, "{\"schemaVersion\":1,\"mach");

        var before = await store.LoadAsync(CancellationToken.None);
        await store.SaveAsync(Snapshots.MidShift(), CancellationToken.None);
        var after = await store.LoadAsync(CancellationToken.None);

        Assert.Multiple(() =>
        {
            Assert.That(before, Is.Null);
            Assert.That(OeeSnapshotJson.Write(after!), Is.EqualTo(OeeSnapshotJson.Write(Snapshots.MidShift())));
            Assert.That(File.Exists(file.TemporaryPath), Is.False);
        });
    }
}

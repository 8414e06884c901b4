using System.Text;
using Dapr.Client;
using UnsMes.Oee.Domain;
using UnsMes.Oee.State;
using UnsMes.ServiceDefaults.State;

namespace UnsMes.Oee.Tests.State;

/// <summary>
/// On Kubernetes the snapshot lives in a Dapr state store. A real DaprClient talks gRPC to a sidecar double (no Dapr
/// runtime runs here), so the requests and the stored bytes are the ones a real sidecar would receive.
/// </summary>
public class DaprOeeStateStoreTests
{
    private DaprSidecarDouble _sidecar = null!;
    private DaprClient _client = null!;

    [SetUp]
    public async Task StartSidecar()
    {
        _sidecar = await DaprSidecarDouble.StartAsync();
        _client = new DaprClientBuilder().UseGrpcEndpoint(_sidecar.GrpcEndpoint).Build();
    }

    [TearDown]
    public async Task StopSidecar()
    {
        _client.Dispose();
        await _sidecar.DisposeAsync();
    }

    [Test]
    public async Task SavedSnapshot_LoadsBackTheSame_AndIsStoredAsTheFileStoresJson()
    {
        var store = new OeeStateStore(new DaprSnapshotStore(_client, "statestore", "oee-snapshot"));
        var snapshot = Snapshots.MidShift();

        await store.SaveAsync(snapshot, CancellationToken.None);
        var loaded = await store.LoadAsync(CancellationToken.None);

        var directory = Directory.CreateTempSubdirectory("oee-state-").FullName;
        try
        {
            var file = new FileSnapshotStore(Path.Combine(directory, "state.json"));
            await new OeeStateStore(file).SaveAsync(snapshot, CancellationToken.None);
            Assert.Multiple(() =>
            {
                Assert.That(OeeSnapshotJson.Write(loaded!), Is.EqualTo(OeeSnapshotJson.Write(snapshot)));
                Assert.That(_sidecar.State.Values.Keys, Is.EqualTo(new[] { "statestore/oee-snapshot" }));
                Assert.That(Encoding.UTF8.GetString(_sidecar.State.Values["statestore/oee-snapshot"]), Is.EqualTo(File.ReadAllText(file.Path)));
            });
        }
        finally
        {
            Directory.Delete(directory, recursive: true);
        }
    }

    [Test]
    public async Task NothingSaved_LoadsNothing()
    {
        var store = new OeeStateStore(new DaprSnapshotStore(_client, "statestore", "oee-snapshot"));

        Assert.That(await store.LoadAsync(CancellationToken.None), Is.Null);
    }

    [Test]
    public async Task StoreNameAndKey_AreTheConfiguredOnes()
    {
        var store = new OeeStateStore(new DaprSnapshotStore(_client, "plant-state", "line3-oee"));

        await store.SaveAsync(Snapshots.MidShift(), CancellationToken.None);

        Assert.Multiple(async () =>
        {
            Assert.That(_sidecar.State.Values.Keys, Is.EqualTo(new[] { "plant-state/line3-oee" }));
            Assert.That(await new OeeStateStore(new DaprSnapshotStore(_client, "statestore", "line3-oee")).LoadAsync(CancellationToken.None), Is.Null);
        });
    }
}

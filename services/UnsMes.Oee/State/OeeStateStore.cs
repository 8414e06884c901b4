using UnsMes.Oee.Domain;
using UnsMes.ServiceDefaults.State;

namespace UnsMes.Oee.State;

/// <summary>
/// The calculator's snapshot as JSON (<see cref="OeeSnapshotJson"/>) in a snapshot store: a local file in the embedded
/// default, a Dapr state store on Kubernetes. Both keep the same text, so a snapshot can move from one to the other.
/// </summary>
internal sealed class OeeStateStore(ISnapshotStore store) : IOeeStateStore
{
    public async Task<OeeSnapshot?> LoadAsync(CancellationToken cancellationToken) =>
        await store.LoadAsync(cancellationToken) is { } json ? OeeSnapshotJson.Read(json) : null;

    public Task SaveAsync(OeeSnapshot snapshot, CancellationToken cancellationToken) =>
        store.SaveAsync(OeeSnapshotJson.Write(snapshot), cancellationToken);
}

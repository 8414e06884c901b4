using UnsMes.Oee.Domain;

namespace UnsMes.Oee.State;

/// <summary>
/// Where the calculator keeps its snapshot between restarts: a local file in the embedded default
/// (<see cref="FileOeeStateStore"/>), a Dapr state store on Kubernetes (<see cref="DaprOeeStateStore"/>). Both keep
/// the same JSON (<see cref="OeeSnapshotJson"/>), so a snapshot can move from one to the other as it is.
/// </summary>
internal interface IOeeStateStore
{
    /// <summary>The last saved snapshot, or <see langword="null"/> when none was saved yet.</summary>
    Task<OeeSnapshot?> LoadAsync(CancellationToken cancellationToken);

    /// <summary>Replaces the saved snapshot.</summary>
    Task SaveAsync(OeeSnapshot snapshot, CancellationToken cancellationToken);
}

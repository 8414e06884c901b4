namespace UnsMes.ServiceDefaults.State;

/// <summary>
/// Where a service keeps its state between restarts, as one JSON text: a local file in the embedded default
/// (<see cref="FileSnapshotStore"/>), a Dapr state store on Kubernetes (<see cref="DaprSnapshotStore"/>). Both keep
/// the same text, so a snapshot can move from one to the other as it is.
/// </summary>
public interface ISnapshotStore
{
    /// <summary>The last saved snapshot, or <see langword="null"/> when none was saved yet.</summary>
    Task<string?> LoadAsync(CancellationToken cancellationToken);

    /// <summary>Replaces the saved snapshot.</summary>
    Task SaveAsync(string snapshot, CancellationToken cancellationToken);
}

using UnsMes.Oee.Domain;

namespace UnsMes.Oee.State;

/// <summary>
/// Where the calculator keeps its snapshot between restarts (<see cref="OeeStateStore"/> over a file or a Dapr state
/// store).
/// </summary>
internal interface IOeeStateStore
{
    /// <summary>The last saved snapshot, or <see langword="null"/> when none was saved yet.</summary>
    Task<OeeSnapshot?> LoadAsync(CancellationToken cancellationToken);

    /// <summary>Replaces the saved snapshot.</summary>
    Task SaveAsync(OeeSnapshot snapshot, CancellationToken cancellationToken);
}

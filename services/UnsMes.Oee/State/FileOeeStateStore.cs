using UnsMes.Oee.Domain;

namespace UnsMes.Oee.State;

/// <summary>
/// Keeps the calculator's snapshot in a file, replaced atomically (written beside it, then renamed over it), so a
/// kill mid-write leaves the previous snapshot intact. Messages after the snapshot come back from the persistent
/// MQTT session on restart.
/// </summary>
internal sealed class FileOeeStateStore(string path) : IOeeStateStore
{
    public string Path { get; } = System.IO.Path.GetFullPath(path);

    /// <summary>The file a save writes before it renames it over <see cref="Path"/>; one left behind by a kill is never read.</summary>
    public string TemporaryPath => Path + ".tmp";

    public async Task<OeeSnapshot?> LoadAsync(CancellationToken cancellationToken)
    {
        if (!File.Exists(Path))
        {
            return null;
        }

        return OeeSnapshotJson.Read(await File.ReadAllTextAsync(Path, cancellationToken));
    }

    public async Task SaveAsync(OeeSnapshot snapshot, CancellationToken cancellationToken)
    {
        Directory.CreateDirectory(System.IO.Path.GetDirectoryName(Path)!);
        await File.WriteAllTextAsync(TemporaryPath, OeeSnapshotJson.Write(snapshot), cancellationToken);

        File.Move(TemporaryPath, Path, overwrite: true);
    }
}

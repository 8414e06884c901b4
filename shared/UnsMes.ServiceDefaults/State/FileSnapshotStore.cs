namespace UnsMes.ServiceDefaults.State;

/// <summary>
/// Keeps a snapshot in a file, replaced atomically (written beside it, then renamed over it), so a kill mid-write
/// leaves the previous snapshot intact.
/// </summary>
public sealed class FileSnapshotStore(string path) : ISnapshotStore
{
    public string Path { get; } = System.IO.Path.GetFullPath(path);

    /// <summary>The file a save writes before it renames it over <see cref="Path"/>; one left behind by a kill is never read.</summary>
    public string TemporaryPath => Path + ".tmp";

    public async Task<string?> LoadAsync(CancellationToken cancellationToken) =>
        File.Exists(Path) ? await File.ReadAllTextAsync(Path, cancellationToken) : null;

    public async Task SaveAsync(string snapshot, CancellationToken cancellationToken)
    {
        Directory.CreateDirectory(System.IO.Path.GetDirectoryName(Path)!);
        await File.WriteAllTextAsync(TemporaryPath, snapshot, cancellationToken);
        File.Move(TemporaryPath, Path, overwrite: true);
    }
}

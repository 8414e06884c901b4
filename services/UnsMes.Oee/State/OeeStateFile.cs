using UnsMes.Oee.Domain;

namespace UnsMes.Oee.State;

/// <summary>
/// Keeps the calculator's snapshot in a file, replaced atomically (written beside it, then renamed over it), so a
/// kill mid-write leaves the previous snapshot intact. Messages after the snapshot come back from the persistent
/// MQTT session on restart.
/// </summary>
internal sealed class OeeStateFile(string path)
{
    public string Path { get; } = System.IO.Path.GetFullPath(path);

    public OeeSnapshot? Load()
    {
        if (!File.Exists(Path))
        {
            return null;
        }

        return OeeSnapshotJson.Read(File.ReadAllText(Path));
    }

    public async Task SaveAsync(OeeSnapshot snapshot, CancellationToken cancellationToken)
    {
        Directory.CreateDirectory(System.IO.Path.GetDirectoryName(Path)!);
        var temporary = Path + ".tmp";
        await File.WriteAllTextAsync(temporary, OeeSnapshotJson.Write(snapshot), cancellationToken);

        File.Move(temporary, Path, overwrite: true);
    }
}

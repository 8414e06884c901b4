using System.Text.Json;

namespace UnsMes.Deploy.Tests.Support;

/// <summary>An image tarball as the SDK writes it (an OCI layout in a tar): its config and its layers.</summary>
internal sealed class OciImage
{
    private OciImage(string directory, JsonElement config, IReadOnlyList<string> layers)
    {
        Directory = directory;
        Config = config;
        Layers = layers;
    }

    public string Directory { get; }

    /// <summary>The image configuration's "config" object: Entrypoint, Cmd, User, Env, ExposedPorts, WorkingDir.</summary>
    public JsonElement Config { get; }

    /// <summary>Paths of the layer blobs, base first.</summary>
    public IReadOnlyList<string> Layers { get; }

    public IReadOnlyList<string> Entrypoint => Strings("Entrypoint");

    public IReadOnlyList<string> Cmd => Strings("Cmd");

    public string? User => Config.TryGetProperty(nameof(User), out var user) ? user.GetString() : null;

    public string? WorkingDir => Config.TryGetProperty(nameof(WorkingDir), out var dir) ? dir.GetString() : null;

    public IReadOnlyList<string> ExposedPorts =>
        Config.TryGetProperty(nameof(ExposedPorts), out var ports) ? [.. ports.EnumerateObject().Select(p => p.Name)] : [];

    public IReadOnlyDictionary<string, string> Environment =>
        Strings("Env").Select(e => e.Split('=', 2)).ToDictionary(p => p[0], p => p.Length > 1 ? p[1] : "");

    public static async Task<OciImage> ExtractAsync(string tarball, string directory)
    {
        System.IO.Directory.CreateDirectory(directory);
        var untar = await Processes.RunAsync("tar", TimeSpan.FromMinutes(2), null, "-xf", tarball, "-C", directory);
        if (untar.ExitCode != 0)
        {
            throw new InvalidOperationException("tar: " + untar.Error);
        }

        using var index = JsonDocument.Parse(await File.ReadAllTextAsync(Path.Combine(directory, "index.json")));
        var manifestDigest = index.RootElement.GetProperty("manifests")[0].GetProperty("digest").GetString()!;
        using var manifest = JsonDocument.Parse(await File.ReadAllTextAsync(Blob(directory, manifestDigest)));
        var configDigest = manifest.RootElement.GetProperty("config").GetProperty("digest").GetString()!;
        var layers = manifest.RootElement.GetProperty("layers").EnumerateArray().Select(l => Blob(directory, l.GetProperty("digest").GetString()!)).ToList();
        using var config = JsonDocument.Parse(await File.ReadAllTextAsync(Blob(directory, configDigest)));
        return new OciImage(directory, config.RootElement.GetProperty("config").Clone(), layers);
    }

    private static string Blob(string directory, string digest) => Path.Combine(directory, "blobs", digest.Replace(':', Path.DirectorySeparatorChar));

    private IReadOnlyList<string> Strings(string name) =>
        Config.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.Array
            ? [.. value.EnumerateArray().Select(v => v.GetString()!)]
            : [];
}

using System.Text.Json;
using UnsMes.Testing;

namespace UnsMes.EdgePublisher.Tests.Sparkplug;

/// <summary>
/// Decodes Sparkplug B payloads with Eclipse Tahu's npm package (sparkplug-payload) through node/decode.js: an
/// implementation that shares no code with the C# encoder. The package is installed from the committed lock file
/// once per test run (<c>npm ci</c>), unless that exact version is already there; .ci/run installs it up front.
/// </summary>
internal static class TahuDecoder
{
    private const string Folder = "tests/UnsMes.EdgePublisher.Tests/Sparkplug/node";
    private static readonly Lazy<Task<string?>> Installed = new(InstallAsync);

    /// <summary>Ignores the calling test when node or the package cannot be had here; fails on a broken install.</summary>
    public static async Task RequireAsync()
    {
        ExternalProcess.RequireInstalled("node", "nodejs");
        ExternalProcess.RequireInstalled("npm", "npm");
        var problem = await Installed.Value;
        if (problem is not null)
        {
            Assert.Ignore(problem);
        }
    }

    /// <summary>The payload as sparkplug-payload decodes it (64-bit numbers as decimal strings).</summary>
    public static async Task<JsonElement> DecodeAsync(byte[] payload)
    {
        await RequireAsync();
        var file = Path.GetTempFileName();
        try
        {
            await File.WriteAllBytesAsync(file, payload);
            var result = await ExternalProcess.RunAsync("node", TimeSpan.FromSeconds(30), Path.Combine(NodeFolder(), "decode.js"), file);
            Assert.That(result.ExitCode, Is.Zero, $"decode.js failed: {result.Error}");
            using var json = JsonDocument.Parse(result.Output);
            return json.RootElement.Clone();
        }
        finally
        {
            File.Delete(file);
        }
    }

    // Null when the package is ready; otherwise why the tests cannot run here.
    private static async Task<string?> InstallAsync()
    {
        var folder = NodeFolder();
        if (IsInstalled(folder))
        {
            return null;
        }

        var result = await ExternalProcess.RunAsync("npm", TimeSpan.FromMinutes(5), "ci", "--prefix", folder, "--no-audit", "--no-fund");
        if (result.ExitCode == 0 && IsInstalled(folder))
        {
            return null;
        }

        var output = (result.Error + result.Output).Trim();
        // npm names the error code first ("npm error code ECONNREFUSED"); the stack trace after it says little.
        var head = output.Length > 600 ? output[..600] : output;
        if (IsNetworkFailure(output))
        {
            return $"npm ci could not reach the npm registry; .ci/run must run `npm ci --prefix {Folder}`. npm said: {head}";
        }

        Assert.Fail($"npm ci --prefix {Folder} failed (exit {result.ExitCode}): {head}");
        return null;
    }

    // The version the lock file pins is the one in node_modules (npm ci leaves exactly that).
    private static bool IsInstalled(string folder)
    {
        var installed = Path.Combine(folder, "node_modules", "sparkplug-payload", "package.json");
        if (!File.Exists(installed))
        {
            return false;
        }

        using var lockFile = JsonDocument.Parse(File.ReadAllText(Path.Combine(folder, "package-lock.json")));
        using var package = JsonDocument.Parse(File.ReadAllText(installed));
        var locked = lockFile.RootElement.GetProperty("packages").GetProperty("node_modules/sparkplug-payload").GetProperty("version").GetString();
        return locked == package.RootElement.GetProperty("version").GetString();
    }

    private static bool IsNetworkFailure(string npmOutput) =>
        new[] { "ENOTFOUND", "EAI_AGAIN", "ECONNREFUSED", "ECONNRESET", "ETIMEDOUT", "ENETUNREACH", "E401", "E403", "network", "proxy" }
            .Any(sign => npmOutput.Contains(sign, StringComparison.OrdinalIgnoreCase));

    // The test binaries sit below the repository root; the node folder is found from there.
    private static string NodeFolder()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            var candidate = Path.Combine(dir.FullName, Folder);
            if (File.Exists(Path.Combine(candidate, "package.json")))
            {
                return candidate;
            }
        }

        throw new DirectoryNotFoundException($"{Folder} not found above {AppContext.BaseDirectory}");
    }
}

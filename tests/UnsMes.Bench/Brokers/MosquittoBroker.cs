using System.Diagnostics;

namespace UnsMes.Bench.Brokers;

/// <summary>
/// Mosquitto with a generated configuration: a loopback listener, anonymous clients, and queues raised so that it
/// does not drop a burst either (its default holds 1,000 messages per client).
/// </summary>
internal sealed class MosquittoBroker(string executable, IReadOnlyList<string> extraLines) : BrokerProcess("Mosquitto")
{
    private readonly string _configFile = Path.Combine(Path.GetTempPath(), $"mosquitto-bench-{Guid.NewGuid():N}.conf");

    /// <summary>The generated configuration: a loopback listener on this broker's port, then <see cref="Settings"/>.</summary>
    public IReadOnlyList<string> Configuration => [$"listener {Port} 127.0.0.1", .. Settings(extraLines)];

    /// <summary>Everything but the listener, as reported with the figures.</summary>
    public static IReadOnlyList<string> Settings(IReadOnlyList<string> extraLines) =>
    [
        "allow_anonymous true",
        "max_queued_messages 10000000",
        "persistence false",
        "log_type error",
        "log_type warning",
        .. extraLines,
    ];

    /// <summary>The mosquitto binary on PATH or in the usual sbin folders; null when it is not installed.</summary>
    public static string? Find(string? given)
    {
        if (given is not null)
        {
            return File.Exists(given) ? given : null;
        }

        var folders = (Environment.GetEnvironmentVariable("PATH") ?? "").Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries)
            .Concat(["/usr/sbin", "/usr/local/sbin"]);
        return folders.Select(f => Path.Combine(f, "mosquitto")).FirstOrDefault(File.Exists);
    }

    /// <summary>The version line mosquitto prints for -h, e.g. "mosquitto version 2.0.11".</summary>
    public static async Task<string> VersionAsync(string executable)
    {
        var start = new ProcessStartInfo(executable, "-h") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        using var process = Process.Start(start)!;
        var output = await process.StandardOutput.ReadToEndAsync();
        await process.WaitForExitAsync();
        return output.Split('\n').FirstOrDefault(l => l.Contains("version", StringComparison.Ordinal))?.Trim() ?? "mosquitto (version unknown)";
    }

    protected override ProcessStartInfo CreateStartInfo()
    {
        File.WriteAllLines(_configFile, Configuration);
        return new ProcessStartInfo(executable) { ArgumentList = { "-c", _configFile } };
    }

    protected override bool IsWarning(string line) =>
        line.Contains("Warning", StringComparison.OrdinalIgnoreCase) || line.Contains("Error", StringComparison.OrdinalIgnoreCase);

    protected override ValueTask CleanUpAsync()
    {
        File.Delete(_configFile);
        return ValueTask.CompletedTask;
    }
}

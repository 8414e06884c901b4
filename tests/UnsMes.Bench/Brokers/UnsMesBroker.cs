using System.Diagnostics;
using System.Runtime.InteropServices;

namespace UnsMes.Bench.Brokers;

/// <summary>The UnsMes broker as built (Release), in Development so anonymous clients are let in, on a fresh data directory.</summary>
internal sealed class UnsMesBroker(string dll, IReadOnlyList<string> extraArgs) : BrokerProcess("UnsMes")
{
    private readonly string _dataDirectory = Path.Combine(Path.GetTempPath(), $"unsmes-bench-{Guid.NewGuid():N}");

    /// <summary>Bytes of the retained store on disk (the SQLite file and its write-ahead log).</summary>
    public long StoreBytes =>
        Directory.Exists(_dataDirectory) ? Directory.EnumerateFiles(_dataDirectory).Sum(f => new FileInfo(f).Length) : 0;

    /// <summary>The repository's Release build of the broker, found from this program's own location.</summary>
    public static string FindDll()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "UnsMes.sln")))
            {
                return Path.Combine(dir.FullName, "services", "UnsMes.Broker", "bin", "Release", "net10.0", "UnsMes.Broker.dll");
            }
        }

        throw new InvalidOperationException("UnsMes.sln not found above this program; pass --broker-dll");
    }

    protected override ProcessStartInfo CreateStartInfo()
    {
        var start = new ProcessStartInfo(DotnetHost()) { WorkingDirectory = Path.GetDirectoryName(dll)! };
        start.ArgumentList.Add(dll);
        foreach (var argument in (string[])
                 [
                     $"--Broker:TcpPort={Port}",
                     "--Broker:BindAddress=127.0.0.1",
                     $"--Broker:DataDirectory={_dataDirectory}",
                     "--Broker:AllowAnonymous=true",
                     $"--urls=http://127.0.0.1:{FreePort.Next()}",
                 ])
        {
            start.ArgumentList.Add(argument);
        }

        foreach (var argument in extraArgs)
        {
            start.ArgumentList.Add(argument);
        }

        start.Environment["DOTNET_ENVIRONMENT"] = "Development";
        start.Environment.Remove("ASPNETCORE_ENVIRONMENT");
        return start;
    }

    protected override bool IsWarning(string line) =>
        line.StartsWith("warn:", StringComparison.Ordinal) || line.StartsWith("fail:", StringComparison.Ordinal) || line.StartsWith("crit:", StringComparison.Ordinal);

    protected override ValueTask CleanUpAsync()
    {
        if (Directory.Exists(_dataDirectory))
        {
            Directory.Delete(_dataDirectory, recursive: true);
        }

        return ValueTask.CompletedTask;
    }

    /// <summary>The dotnet host this program runs on ({root}/shared/Microsoft.NETCore.App/{version}/ is the runtime directory).</summary>
    private static string DotnetHost()
    {
        var root = Path.GetFullPath(Path.Combine(RuntimeEnvironment.GetRuntimeDirectory(), "..", "..", ".."));
        var host = Path.Combine(root, OperatingSystem.IsWindows() ? "dotnet.exe" : "dotnet");
        return File.Exists(host) ? host : "dotnet";
    }
}

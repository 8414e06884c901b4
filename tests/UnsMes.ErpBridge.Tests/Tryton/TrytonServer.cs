using System.Diagnostics;
using System.Globalization;
using System.Net.Sockets;
using UnsMes.ErpBridge.Adapters.Tryton;
using UnsMes.Testing;

namespace UnsMes.ErpBridge.Tests.Tryton;

/// <summary>
/// A real Tryton 6.0 (Debian's tryton-server and modules) on a throwaway SQLite database: created with
/// trytond-admin (all, then production_work_timesheet and production_routing with their dependencies), seeded by
/// seed.py (proteus), served by trytond on a free loopback port, stopped and deleted afterwards.
/// </summary>
internal sealed class TrytonServer : IAsyncDisposable
{
    public const string Database = "unsmes";
    public const string Login = "admin";
    private const string Python = "/usr/bin/python3";
    private static readonly TimeSpan AdminTimeout = TimeSpan.FromMinutes(5);

    private readonly string _directory;
    private Process? _server;

    private TrytonServer(string directory, int port)
    {
        _directory = directory;
        Port = port;
        Password = $"pw-{Guid.NewGuid():N}";
    }

    public int Port { get; }

    public string Password { get; }

    public string Url => $"http://127.0.0.1:{Port}/";

    private string Config => Path.Combine(_directory, "trytond.conf");

    public static async Task<TrytonServer> StartAsync()
    {
        ExternalProcess.RequireInstalled("trytond", "tryton-server");
        ExternalProcess.RequireInstalled("trytond-admin", "tryton-server");
        var tryton = new TrytonServer(Directory.CreateTempSubdirectory("unsmes-tryton-").FullName, FreePort.Next());
        try
        {
            await tryton.CreateDatabaseAsync();
            await tryton.ServeAsync();
            return tryton;
        }
        catch
        {
            await tryton.DisposeAsync();
            throw;
        }
    }

    /// <summary>Releases an order as a Tryton planner would (create_production.py); returns the production number.</summary>
    public async Task<string> CreateProductionAsync(int quantity)
    {
        var result = await RunAsync(Python, [Path.Combine(AppContext.BaseDirectory, "Tryton", "create_production.py"), Database, Config, quantity.ToString(CultureInfo.InvariantCulture)]);
        return result.Output.Trim().Split('\n')[^1].Trim();
    }

    /// <summary>Tryton's own API, for reading back what the bridge booked.</summary>
    public TrytonJsonRpcClient Client(HttpClient http) => new(http, Database, Login, Password);

    public async ValueTask DisposeAsync()
    {
        if (_server is { HasExited: false })
        {
            _server.Kill(entireProcessTree: true);
            await _server.WaitForExitAsync();
        }

        _server?.Dispose();
        try
        {
            Directory.Delete(_directory, recursive: true);
        }
        catch (IOException)
        {
            // Left for the temp cleaner.
        }
    }

    private async Task CreateDatabaseAsync()
    {
        await File.WriteAllTextAsync(Config, $"""
            [database]
            uri = sqlite://
            path = {_directory}

            [web]
            listen = 127.0.0.1:{Port}
            """);
        var passFile = Path.Combine(_directory, "admin-password");
        await File.WriteAllTextAsync(passFile, Password + "\n");
        await File.WriteAllBytesAsync(Path.Combine(_directory, Database + ".sqlite"), []);
        await RunAsync("trytond-admin", ["-c", Config, "-d", Database, "--all", "--email", "admin@example.com"], ("TRYTONPASSFILE", passFile));
        await RunAsync("trytond-admin", ["-c", Config, "-d", Database, "-u", "production_work_timesheet", "production_routing", "--activate-dependencies"]);
        await RunAsync(Python, [Path.Combine(AppContext.BaseDirectory, "Tryton", "seed.py"), Database, Config]);
    }

    private async Task ServeAsync()
    {
        var info = new ProcessStartInfo("trytond") { UseShellExecute = false, RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var argument in new[] { "-c", Config })
        {
            info.ArgumentList.Add(argument);
        }

        _server = Process.Start(info) ?? throw new InvalidOperationException("trytond did not start");
        _server.OutputDataReceived += (_, _) => { };
        _server.ErrorDataReceived += (_, _) => { };
        _server.BeginOutputReadLine();
        _server.BeginErrorReadLine();
        var until = DateTime.UtcNow.AddSeconds(60);
        while (true)
        {
            try
            {
                using var probe = new TcpClient();
                await probe.ConnectAsync("127.0.0.1", Port);
                return;
            }
            catch (SocketException) when (DateTime.UtcNow < until && !_server.HasExited)
            {
                await Task.Delay(100);
            }
        }
    }

    private static async Task<ExternalProcess.Result> RunAsync(string program, string[] arguments, params (string Name, string Value)[] environment)
    {
        var info = new ProcessStartInfo(program) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var argument in arguments)
        {
            info.ArgumentList.Add(argument);
        }

        foreach (var (name, value) in environment)
        {
            info.Environment[name] = value;
        }

        using var process = Process.Start(info) ?? throw new InvalidOperationException($"{program} did not start");
        var result = await ExternalProcess.CollectAsync(process, AdminTimeout);
        if (result.ExitCode != 0)
        {
            Assert.Fail($"{program} {string.Join(' ', arguments)} failed ({result.ExitCode}): {result.Error[Math.Max(0, result.Error.Length - 2000)..]}");
        }

        return result;
    }
}

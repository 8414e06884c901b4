using System.Diagnostics;
using System.Globalization;
using Npgsql;
using UnsMes.Testing;

namespace UnsMes.Testing;

/// <summary>
/// A throwaway PostgreSQL 15: initdb into a temp folder, started with pg_ctl on a free loopback port (fsync off),
/// as the <c>postgres</c> user when the tests run as root (PostgreSQL refuses to run as root). Stopped and removed by
/// <see cref="DisposeAsync"/>. Tests report themselves skipped with the package to install when it is missing.
/// </summary>
public sealed class PostgresServer : IAsyncDisposable
{
    // PostgreSQL 15 first, then any other installed major version, then PATH.
    private static readonly string[] BinDirectories =
    [
        "/usr/lib/postgresql/15/bin",
        .. (System.IO.Directory.Exists("/usr/lib/postgresql") ? System.IO.Directory.GetDirectories("/usr/lib/postgresql").OrderDescending().Select(d => Path.Combine(d, "bin")) : []),
        .. (Environment.GetEnvironmentVariable("PATH") ?? "").Split(':'),
    ];

    private readonly string _bin;
    private int _databases;

    private PostgresServer(string bin, string directory, int port)
    {
        _bin = bin;
        Directory = directory;
        Port = port;
    }

    public string Directory { get; }
    public int Port { get; }

    public static async Task<PostgresServer> StartAsync()
    {
        var bin = BinDirectories.FirstOrDefault(d => File.Exists(Path.Combine(d, "initdb")) && File.Exists(Path.Combine(d, "pg_ctl")));
        if (bin is null)
        {
            Assert.Ignore("PostgreSQL 15 is not installed (apt-get install postgresql-15); .ci/run installs it.");
        }

        var directory = System.IO.Directory.CreateTempSubdirectory("unsmes-pg-").FullName;
        var server = new PostgresServer(bin!, directory, FreePort.Next());
        if (IsRoot)
        {
            await RunAsync("chown", "postgres:postgres", directory);
        }

        await server.PgAsync("initdb", "-D", server.DataDirectory, "-U", "postgres", "-A", "trust", "--no-sync", "-E", "UTF8");
        await server.StartAgainAsync();
        return server;
    }

    private string DataDirectory => Path.Combine(Directory, "data");

    private static bool IsRoot => Environment.UserName == "root";

    public string ConnectionString(string database) =>
        $"Host=127.0.0.1;Port={Port};Username=postgres;Database={database};Timeout=5;Command Timeout=30";

    /// <summary>A new empty database for one fixture or test.</summary>
    public async Task<string> CreateDatabaseAsync()
    {
        var name = $"test_{Interlocked.Increment(ref _databases)}";
        await using var connection = new NpgsqlConnection(ConnectionString("postgres"));
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand($"CREATE DATABASE {name};", connection);
        await command.ExecuteNonQueryAsync();
        return ConnectionString(name);
    }

    public Task StartAgainAsync() =>
        PgAsync("pg_ctl", "-D", DataDirectory, "-l", Path.Combine(Directory, "log"), "-w", "-t", "30", "-o",
            string.Create(CultureInfo.InvariantCulture, $"-p {Port} -k {Directory} -c listen_addresses=127.0.0.1 -c fsync=off -c synchronous_commit=off -c full_page_writes=off -c max_connections=100"),
            "start");

    /// <summary>Stops the server (fast: connections are cut, as in an outage).</summary>
    public Task StopAsync() => PgAsync("pg_ctl", "-D", DataDirectory, "-m", "fast", "-w", "stop");

    public async ValueTask DisposeAsync()
    {
        try
        {
            await PgAsync("pg_ctl", "-D", DataDirectory, "-m", "immediate", "-w", "stop");
        }
        catch (InvalidOperationException)
        {
            // Already stopped.
        }

        NpgsqlConnection.ClearAllPools();
        System.IO.Directory.Delete(Directory, recursive: true);
    }

    private Task PgAsync(string program, params string[] arguments) =>
        IsRoot
            ? RunAsync("runuser", ["-u", "postgres", "--", Path.Combine(_bin, program), .. arguments])
            : RunAsync(Path.Combine(_bin, program), arguments);

    private static async Task RunAsync(string program, params string[] arguments)
    {
        var info = new ProcessStartInfo(program) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var argument in arguments)
        {
            info.ArgumentList.Add(argument);
        }

        using var process = Process.Start(info) ?? throw new InvalidOperationException($"{program} did not start");
        var result = await ExternalProcess.CollectAsync(process, TimeSpan.FromSeconds(60));
        if (result.ExitCode != 0)
        {
            throw new InvalidOperationException($"{program} {string.Join(' ', arguments)} failed ({result.ExitCode}): {result.Error}{result.Output}");
        }
    }
}

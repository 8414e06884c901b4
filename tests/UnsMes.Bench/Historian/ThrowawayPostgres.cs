using System.Diagnostics;
using System.Globalization;
using UnsMes.Bench.Brokers;

namespace UnsMes.Bench.Historian;

/// <summary>A PostgreSQL 15 for one benchmark run: initdb in a temp folder, pg_ctl on a free port, fsync off (as
/// the test fixture does); as the postgres user when run as root. Removed when disposed.</summary>
internal sealed class ThrowawayPostgres : IAsyncDisposable
{
    private readonly string _bin;
    private readonly string _directory;

    private ThrowawayPostgres(string bin, string directory, int port)
    {
        _bin = bin;
        _directory = directory;
        Port = port;
    }

    public int Port { get; }

    public string ConnectionString => $"Host=127.0.0.1;Port={Port};Username=postgres;Database=postgres;Timeout=5";

    /// <summary>Null when PostgreSQL is not installed.</summary>
    public static async Task<ThrowawayPostgres?> StartAsync()
    {
        var bin = new[] { "/usr/lib/postgresql/15/bin" }.Concat((Environment.GetEnvironmentVariable("PATH") ?? "").Split(':'))
            .FirstOrDefault(d => File.Exists(Path.Combine(d, "initdb")));
        if (bin is null)
        {
            return null;
        }

        var directory = Directory.CreateTempSubdirectory("unsmes-bench-pg-").FullName;
        var server = new ThrowawayPostgres(bin, directory, FreePort.Next());
        if (Environment.UserName == "root")
        {
            await RunAsync("chown", "postgres:postgres", directory);
        }

        var data = Path.Combine(directory, "data");
        await server.PgAsync("initdb", "-D", data, "-U", "postgres", "-A", "trust", "--no-sync", "-E", "UTF8");
        await server.PgAsync("pg_ctl", "-D", data, "-l", Path.Combine(directory, "log"), "-w", "-o",
            string.Create(CultureInfo.InvariantCulture, $"-p {server.Port} -k {directory} -c listen_addresses=127.0.0.1 -c fsync=off -c synchronous_commit=off -c full_page_writes=off -c shared_buffers=256MB"),
            "start");
        return server;
    }

    /// <summary>CPU seconds used so far by the server: the postmaster and its running backends, plus the exited ones
    /// the postmaster has waited for.</summary>
    public double CpuSeconds()
    {
        var postmaster = int.Parse(File.ReadLines(Path.Combine(_directory, "data", "postmaster.pid")).First(), CultureInfo.InvariantCulture);
        var ticks = 0L;
        foreach (var stat in Directory.EnumerateDirectories("/proc").Select(d => Path.Combine(d, "stat")))
        {
            string text;
            try
            {
                text = File.ReadAllText(stat);
            }
            catch (IOException)
            {
                continue;
            }
            catch (UnauthorizedAccessException)
            {
                continue;
            }

            // pid (comm) state ppid ... utime(14) stime(15) cutime(16) cstime(17): fields after the command's ')'.
            var fields = text[(text.LastIndexOf(')') + 2)..].Split(' ');
            var pid = int.Parse(text[..text.IndexOf(' ', StringComparison.Ordinal)], CultureInfo.InvariantCulture);
            var parent = int.Parse(fields[1], CultureInfo.InvariantCulture);
            if (pid == postmaster || parent == postmaster)
            {
                ticks += long.Parse(fields[11], CultureInfo.InvariantCulture) + long.Parse(fields[12], CultureInfo.InvariantCulture);
                if (pid == postmaster)
                {
                    ticks += long.Parse(fields[13], CultureInfo.InvariantCulture) + long.Parse(fields[14], CultureInfo.InvariantCulture);
                }
            }
        }

        return ticks / 100.0; // USER_HZ
    }

    public async ValueTask DisposeAsync()
    {
        await PgAsync("pg_ctl", "-D", Path.Combine(_directory, "data"), "-m", "immediate", "-w", "stop");
        Npgsql.NpgsqlConnection.ClearAllPools();
        Directory.Delete(_directory, recursive: true);
    }

    private Task PgAsync(string program, params string[] arguments) =>
        Environment.UserName == "root"
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
        var error = process.StandardError.ReadToEndAsync();
        await process.StandardOutput.ReadToEndAsync();
        await process.WaitForExitAsync();
        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException($"{program} failed: {await error}");
        }
    }
}

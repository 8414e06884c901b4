using System.Diagnostics;
using System.Globalization;
using System.Net.Sockets;

namespace UnsMes.Bench.Brokers;

/// <summary>
/// A broker under test, running as a child process on a loopback port. Keeps the tail of its output for when it
/// fails, counts its warnings, and kills it (by its own Process object) when disposed.
/// </summary>
internal abstract class BrokerProcess : IAsyncDisposable
{
    private const int TailLines = 40;
    private static readonly TimeSpan StartTimeout = TimeSpan.FromSeconds(30);

    private readonly Queue<string> _tail = new();
    private Process? _process;
    private int _warnings;

    protected BrokerProcess(string name)
    {
        Name = name;
        Port = FreePort.Next();
    }

    public string Name { get; }

    public int Port { get; }

    public int ProcessId => _process?.Id ?? throw new InvalidOperationException($"{Name} is not running");

    /// <summary>Lines the broker wrote at warning level or above (an overflow, a refused publish, an error).</summary>
    public int Warnings => Volatile.Read(ref _warnings);

    public string OutputTail
    {
        get
        {
            lock (_tail)
            {
                return string.Join(Environment.NewLine, _tail);
            }
        }
    }

    public async Task StartAsync(CancellationToken cancellationToken)
    {
        var start = CreateStartInfo();
        start.RedirectStandardOutput = true;
        start.RedirectStandardError = true;
        start.UseShellExecute = false;
        _process = new Process { StartInfo = start, EnableRaisingEvents = true };
        _process.OutputDataReceived += (_, e) => Keep(e.Data);
        _process.ErrorDataReceived += (_, e) => Keep(e.Data);
        if (!_process.Start())
        {
            throw new InvalidOperationException($"{Name} did not start ({start.FileName})");
        }

        _process.BeginOutputReadLine();
        _process.BeginErrorReadLine();
        await WaitUntilListeningAsync(cancellationToken);
    }

    /// <summary>CPU time (user + system) the broker process has used so far.</summary>
    public TimeSpan CpuTime
    {
        get
        {
            var process = _process ?? throw new InvalidOperationException($"{Name} is not running");
            process.Refresh();
            return process.TotalProcessorTime;
        }
    }

    /// <summary>Resident set size and its peak, from /proc (Linux).</summary>
    public (long RssBytes, long PeakRssBytes) ReadMemory()
    {
        long rss = 0, peak = 0;
        foreach (var line in File.ReadLines($"/proc/{ProcessId}/status"))
        {
            if (line.StartsWith("VmRSS:", StringComparison.Ordinal))
            {
                rss = ParseKilobytes(line);
            }
            else if (line.StartsWith("VmHWM:", StringComparison.Ordinal))
            {
                peak = ParseKilobytes(line);
            }
        }

        return (rss, peak);
    }

    public async ValueTask DisposeAsync()
    {
        if (_process is not null)
        {
            try
            {
                if (!_process.HasExited)
                {
                    _process.Kill(entireProcessTree: true);
                    using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(10));
                    await _process.WaitForExitAsync(timeout.Token);
                }
            }
            catch (InvalidOperationException)
            {
                // Already gone.
            }
            finally
            {
                _process.Dispose();
                _process = null;
            }
        }

        await CleanUpAsync();
        GC.SuppressFinalize(this);
    }

    protected abstract ProcessStartInfo CreateStartInfo();

    protected virtual ValueTask CleanUpAsync() => ValueTask.CompletedTask;

    /// <summary>Whether an output line reports trouble (each broker has its own log format).</summary>
    protected abstract bool IsWarning(string line);

    private void Keep(string? line)
    {
        if (line is null)
        {
            return;
        }

        if (IsWarning(line))
        {
            Interlocked.Increment(ref _warnings);
        }

        lock (_tail)
        {
            _tail.Enqueue(line);
            if (_tail.Count > TailLines)
            {
                _tail.Dequeue();
            }
        }
    }

    private async Task WaitUntilListeningAsync(CancellationToken cancellationToken)
    {
        var deadline = Stopwatch.StartNew();
        while (true)
        {
            if (_process!.HasExited)
            {
                throw new InvalidOperationException($"{Name} exited with code {_process.ExitCode} before listening:{Environment.NewLine}{OutputTail}");
            }

            try
            {
                using var probe = new TcpClient();
                await probe.ConnectAsync("127.0.0.1", Port, cancellationToken);
                return;
            }
            catch (SocketException) when (deadline.Elapsed < StartTimeout)
            {
                await Task.Delay(100, cancellationToken);
            }
        }
    }

    private static long ParseKilobytes(string line) =>
        long.Parse(line.AsSpan(line.IndexOf(':', StringComparison.Ordinal) + 1).Trim().TrimEnd("kB").Trim(), CultureInfo.InvariantCulture) * 1024;
}

using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using UnsMes.Testing;

namespace UnsMes.KafkaFanout.Tests;

/// <summary>The fan-out as its own process (its Program.cs, built beside the tests), so a test can kill it outright.</summary>
public sealed class FanoutProcess : IDisposable
{
    private readonly Process _process;
    private readonly HttpClient _http;

    private FanoutProcess(Process process, int httpPort)
    {
        _process = process;
        _http = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{httpPort}"), Timeout = TimeSpan.FromSeconds(5) };
    }

    public static FanoutProcess Start(IDictionary<string, string?> settings)
    {
        var httpPort = FreePort.Next();
        var dll = Path.Combine(AppContext.BaseDirectory, "UnsMes.KafkaFanout.dll");
        var arguments = new List<string> { dll, $"--Urls=http://127.0.0.1:{httpPort}", "--Logging:LogLevel:Default=Warning" };
        arguments.AddRange(settings.Select(s => $"--{s.Key}={s.Value}"));
        var info = new ProcessStartInfo("dotnet") { UseShellExecute = false, RedirectStandardOutput = true, RedirectStandardError = true, WorkingDirectory = AppContext.BaseDirectory };
        foreach (var argument in arguments)
        {
            info.ArgumentList.Add(argument);
        }

        var process = Process.Start(info) ?? throw new InvalidOperationException("the fan-out did not start");
        process.OutputDataReceived += (_, _) => { };
        process.ErrorDataReceived += (_, _) => { };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return new FanoutProcess(process, httpPort);
    }

    public int Id => _process.Id;

    /// <summary>The counters of /kafka-fanout/status, or null while the process does not answer.</summary>
    public async Task<Dictionary<string, long>?> StatusAsync()
    {
        try
        {
            using var document = JsonDocument.Parse(await _http.GetStringAsync(new Uri("/kafka-fanout/status", UriKind.Relative)));
            return document.RootElement.EnumerateObject()
                .Where(p => p.Value.ValueKind == JsonValueKind.Number)
                .ToDictionary(p => p.Name, p => p.Value.GetInt64());
        }
        catch (HttpRequestException)
        {
            return null;
        }
        catch (TaskCanceledException)
        {
            return null;
        }
    }

    /// <summary>SIGKILL: no flush, no acknowledgement, no goodbye.</summary>
    public void Kill()
    {
        _process.Kill(entireProcessTree: true);
        _process.WaitForExit();
    }

    public void Dispose()
    {
        if (!_process.HasExited)
        {
            Kill();
        }

        _process.Dispose();
        _http.Dispose();
    }

    public static string Text(int value) => value.ToString(CultureInfo.InvariantCulture);
}

using System.Diagnostics;

namespace UnsMes.Testing;

/// <summary>Runs an independent client (mosquitto_pub, mosquitto_sub) and collects what it printed.</summary>
public static class ExternalProcess
{
    public sealed record Result(int ExitCode, string Output, string Error);

    public static bool IsInstalled(string program) =>
        (Environment.GetEnvironmentVariable("PATH") ?? "").Split(':').Any(dir => File.Exists(Path.Combine(dir, program)));

    public static void RequireInstalled(string program, string package)
    {
        if (!IsInstalled(program))
        {
            Assert.Ignore($"{program} is not installed (apt-get install {package}); .ci/run installs it.");
        }
    }

    public static Process Start(string program, params string[] arguments)
    {
        var info = new ProcessStartInfo(program) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var argument in arguments)
        {
            info.ArgumentList.Add(argument);
        }

        return Process.Start(info) ?? throw new InvalidOperationException($"{program} did not start");
    }

    public static async Task<Result> RunAsync(string program, TimeSpan timeout, params string[] arguments)
    {
        using var process = Start(program, arguments);
        return await CollectAsync(process, timeout);
    }

    public static async Task<Result> CollectAsync(Process process, TimeSpan timeout)
    {
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        using var cts = new CancellationTokenSource(timeout);
        try
        {
            await process.WaitForExitAsync(cts.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            await process.WaitForExitAsync();
        }

        return new Result(process.ExitCode, await output, await error);
    }
}

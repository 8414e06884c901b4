using System.Diagnostics;
using UnsMes.EdgePublisher.Modbus;
using UnsMes.Testing;

namespace UnsMes.EdgePublisher.Tests.Modbus;

/// <summary>
/// The independent Modbus TCP server (pymodbus, modbus_test_server.py beside this file) on a free loopback port.
/// The constants mirror the datastore the script loads; the script packs them with Python's struct module.
/// </summary>
public sealed class ModbusTestServer : IAsyncDisposable
{
    public const string Python = "/usr/bin/python3";
    public const string ScriptName = "modbus_test_server.py";

    /// <summary>Unit 1 serves the datastore; reading past a block answers IllegalDataAddress.</summary>
    public const byte NormalUnit = 1;
    /// <summary>Unit 2 answers every request with ServerDeviceBusy.</summary>
    public const byte BusyUnit = 2;
    /// <summary>Any unit the server does not know gets no answer at all.</summary>
    public const byte SilentUnit = 99;

    // Holding registers (32 of them, 0..31).
    public const int HoldingRegisterCount = 32;
    public const int Float32Abcd = 0;       // 12.5
    public const int Float32Cdab = 2;       // 12.5
    public const int Int32Abcd = 4;         // -123456789
    public const int Int16Negative = 6;     // -100
    public const int UInt16Value = 7;       // 54321
    public const int BitField = 8;          // bits 0 and 2 set
    public const int Float64Abcd = 9;       // -2.5
    public const int Int64Abcd = 13;        // -9876543210
    public const int ScaledInt16 = 17;      // 215
    public const int FreeForWrites = 20;    // 20..31 are zero

    // Input registers (8).
    public const int InputUInt16 = 0;       // 1234
    public const int InputFloat32 = 1;      // 230.5
    public const int InputUInt32 = 3;       // 3000000000

    /// <summary>Coils 0..15: 0, 2, 3 and 15 are on.</summary>
    public static readonly bool[] Coils = [true, false, true, true, false, false, false, false, false, false, false, false, false, false, false, true];

    /// <summary>Discrete inputs 0..7: 1 and 4 are on.</summary>
    public static readonly bool[] DiscreteInputs = [false, true, false, false, true, false, false, false];

    private static readonly TimeSpan StartTimeout = TimeSpan.FromSeconds(20);
    private static readonly Lazy<Task<string?>> MissingReason = new(FindMissingAsync);

    private Process? _process;
    private Task<string>? _errors;

    private ModbusTestServer(int port) => Port = port;

    public int Port { get; }

    public bool IsRunning => _process is { HasExited: false };

    /// <summary>Starts a server on a free port, or marks the test skipped when pymodbus is not installed.</summary>
    public static async Task<ModbusTestServer> StartAsync()
    {
        if (await MissingReason.Value is { } missing)
        {
            Assert.Ignore(missing);
        }

        var server = new ModbusTestServer(FreePort.Next());
        await server.StartAgainAsync();
        return server;
    }

    /// <summary>Starts the script (again) on the same port, as a device that rebooted.</summary>
    public async Task StartAgainAsync()
    {
        Kill();
        var process = ExternalProcess.Start(Python, ScriptPath(), Port.ToString(System.Globalization.CultureInfo.InvariantCulture));
        _process = process;
        // Drained from the start so a chatty server never blocks on a full pipe; kept for failure messages.
        _errors = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(StartTimeout);
        try
        {
            while (await process.StandardOutput.ReadLineAsync(timeout.Token) is { } line)
            {
                if (line == "READY")
                {
                    // Keep reading stdout in the background for the same reason as stderr.
                    _ = process.StandardOutput.ReadToEndAsync(CancellationToken.None);
                    return;
                }
            }
        }
        catch (OperationCanceledException)
        {
            Assert.Fail($"The Modbus test server did not print READY within {StartTimeout.TotalSeconds} s: {await StopAndCollectErrorsAsync()}");
        }

        Assert.Fail($"The Modbus test server exited before it was ready: {await StopAndCollectErrorsAsync()}");
    }

    /// <summary>Kills the server process, as a device losing power; its port is closed when this returns.</summary>
    public void Kill()
    {
        if (_process is null)
        {
            return;
        }

        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
            _process.WaitForExit();
        }

        _process.Dispose();
        _process = null;
    }

    public ModbusTcpClient Client(byte unitId = NormalUnit, int timeoutMs = 2000) =>
        new(new ModbusTcpClientOptions { Host = "127.0.0.1", Port = Port, UnitId = unitId, Timeout = TimeSpan.FromMilliseconds(timeoutMs) });

    public ValueTask DisposeAsync()
    {
        Kill();
        return ValueTask.CompletedTask;
    }

    private async Task<string> StopAndCollectErrorsAsync()
    {
        if (_process is { HasExited: false })
        {
            _process.Kill(entireProcessTree: true);
        }

        var errors = _errors is null ? "" : await _errors.WaitAsync(TimeSpan.FromSeconds(10));
        Kill();
        return errors;
    }

    private static async Task<string?> FindMissingAsync()
    {
        if (!File.Exists(Python))
        {
            return $"{Python} is not installed (apt-get install python3-pymodbus); .ci/run installs it.";
        }

        var probe = await ExternalProcess.RunAsync(Python, TimeSpan.FromSeconds(30), "-c", "import pymodbus.server, pymodbus.datastore");
        return probe.ExitCode == 0
            ? null
            : "python3-pymodbus is not installed (apt-get install python3-pymodbus); .ci/run installs it.";
    }

    /// <summary>
    /// The script lives beside this file in the source tree and is not copied to the build output, so it is found
    /// by walking up from the test assembly to the project folder.
    /// </summary>
    private static string ScriptPath()
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            var candidate = Path.Combine(directory.FullName, "Modbus", ScriptName);
            if (File.Exists(candidate))
            {
                return candidate;
            }
        }

        throw new FileNotFoundException($"{ScriptName} was not found in a Modbus folder above {AppContext.BaseDirectory}.");
    }
}

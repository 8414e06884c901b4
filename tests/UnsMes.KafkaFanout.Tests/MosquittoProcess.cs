using System.Diagnostics;
using System.Net.Sockets;
using UnsMes.Testing;

namespace UnsMes.KafkaFanout.Tests;

/// <summary>Debian's Mosquitto on a free loopback port: an independent MQTT 5 broker with shared subscriptions.</summary>
public sealed class MosquittoProcess : IDisposable
{
    private readonly Process _process;
    private readonly string _config;

    private MosquittoProcess(Process process, string config, int port)
    {
        _process = process;
        _config = config;
        Port = port;
    }

    public int Port { get; }

    public static async Task<MosquittoProcess> StartAsync()
    {
        var executable = new[] { "/usr/sbin/mosquitto", "/usr/bin/mosquitto" }.FirstOrDefault(File.Exists);
        if (executable is null)
        {
            Assert.Ignore("mosquitto is not installed (apt-get install mosquitto); .ci/run installs it.");
        }

        var port = FreePort.Next();
        var config = Path.Combine(Path.GetTempPath(), $"mosquitto-fanout-{Guid.NewGuid():N}.conf");
        await File.WriteAllLinesAsync(config, [$"listener {port} 127.0.0.1", "allow_anonymous true", "persistence false", "max_queued_messages 100000"]);
        var process = ExternalProcess.Start(executable!, "-c", config);
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(10);
        while (true)
        {
            try
            {
                using var probe = new TcpClient();
                await probe.ConnectAsync("127.0.0.1", port);
                break;
            }
            catch (SocketException) when (DateTime.UtcNow < deadline && !process.HasExited)
            {
                await Task.Delay(50);
            }
        }

        return new MosquittoProcess(process, config, port);
    }

    public void Dispose()
    {
        if (!_process.HasExited)
        {
            _process.Kill();
            _process.WaitForExit();
        }

        _process.Dispose();
        File.Delete(_config);
    }
}

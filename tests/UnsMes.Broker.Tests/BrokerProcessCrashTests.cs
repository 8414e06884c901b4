using System.Diagnostics;
using System.Text;
using UnsMes.Testing;

namespace UnsMes.Broker.Tests;

/// <summary>The broker as its own process, killed without warning (SIGKILL), then started again on the same data.</summary>
public class BrokerProcessCrashTests
{
    [Test]
    public async Task RetainedValues_BrokerProcessKilled_AllAcknowledgedValuesSurvive()
    {
        var data = Directory.CreateTempSubdirectory("unsmes-broker-crash-").FullName;
        var port = FreePort.Next();
        try
        {
            const int count = 500;
            using (var broker = StartBrokerProcess(data, port))
            {
                await using var target = await ConnectWhenUpAsync(port);
                for (var i = 0; i < count; i++)
                {
                    // PUBACK (QoS 1) means acknowledged: each of these must survive the kill.
                    await target.Client.PublishAsync(TestClients.Message($"crash/{i}", $"value-{i}", retain: true));
                }

                broker.Kill();
                await broker.WaitForExitAsync();
            }

            using (var restarted = StartBrokerProcess(data, port))
            {
                try
                {
                    await using var target = await ConnectWhenUpAsync(port);
                    var received = await TestClients.SubscribeAsync(target.Client, "crash/#");
                    await received.WaitForCountAsync(count);
                    var values = received.Messages.ToDictionary(m => m.Topic, m => Encoding.UTF8.GetString(m.Payload));
                    Assert.That(Enumerable.Range(0, count).All(i => values.GetValueOrDefault($"crash/{i}") == $"value-{i}"), Is.True,
                        "some acknowledged retained values were lost or changed by the kill");
                }
                finally
                {
                    restarted.Kill();
                    await restarted.WaitForExitAsync();
                }
            }
        }
        finally
        {
            Directory.Delete(data, recursive: true);
        }
    }

    private static Process StartBrokerProcess(string data, int port)
    {
        var dll = Path.Combine(AppContext.BaseDirectory, "UnsMes.Broker.dll");
        var info = new ProcessStartInfo("dotnet") { UseShellExecute = false, RedirectStandardOutput = false, RedirectStandardError = false };
        info.ArgumentList.Add(dll);
        info.ArgumentList.Add("--urls=http://127.0.0.1:" + FreePort.Next());
        info.ArgumentList.Add("--Broker:BindAddress=127.0.0.1");
        info.ArgumentList.Add($"--Broker:TcpPort={port}");
        info.ArgumentList.Add($"--Broker:DataDirectory={data}");
        info.ArgumentList.Add("--Broker:AllowAnonymous=true");
        info.Environment["DOTNET_ENVIRONMENT"] = "Development";
        info.Environment["Logging__LogLevel__Default"] = "Warning";
        return Process.Start(info)!;
    }

    private static async Task<ConnectedClient> ConnectWhenUpAsync(int port)
    {
        var client = new MQTTnet.MqttClientFactory().CreateMqttClient();
        var options = new MQTTnet.MqttClientOptionsBuilder().WithTcpServer("127.0.0.1", port).WithClientId($"crash-{Guid.NewGuid():N}").Build();
        var deadline = Stopwatch.StartNew();
        while (true)
        {
            try
            {
                await client.ConnectAsync(options);
                return new ConnectedClient(client);
            }
            catch (MQTTnet.Exceptions.MqttCommunicationException) when (deadline.Elapsed < TimeSpan.FromSeconds(30))
            {
                await Task.Delay(100);
            }
        }
    }

    private sealed record ConnectedClient(MQTTnet.IMqttClient Client) : IAsyncDisposable
    {
        public ValueTask DisposeAsync()
        {
            Client.Dispose();
            return ValueTask.CompletedTask;
        }
    }
}

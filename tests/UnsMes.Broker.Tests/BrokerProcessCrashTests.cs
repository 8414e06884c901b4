using System.Diagnostics;
using System.Text;
using MQTTnet;
using UnsMes.Testing;

namespace UnsMes.Broker.Tests;

/// <summary>The broker as its own process, killed without warning (SIGKILL), then started again on the same data.</summary>
public class BrokerProcessCrashTests
{
    [Test]
    public async Task RetainedValues_KilledInAcknowledgedMode_AllAcknowledgedValuesSurvive() =>
        await KillAndRestartAsync("Acknowledged", waitForPersisted: false);

    [Test]
    public async Task RetainedValues_KilledInBatchedModeAfterTheBatchCommitted_AllValuesSurvive() =>
        await KillAndRestartAsync("Batched", waitForPersisted: true);

    private static async Task KillAndRestartAsync(string durability, bool waitForPersisted)
    {
        var data = Directory.CreateTempSubdirectory("unsmes-broker-crash-").FullName;
        var port = FreePort.Next();
        try
        {
            const int count = 500;
            using (var broker = StartBrokerProcess(data, port, durability))
            {
                await using var target = await ConnectWhenUpAsync(port);
                var persisted = waitForPersisted ? await TestClients.SubscribeAsync(target.Client, "$SYS/broker/retained/persisted") : null;
                for (var i = 0; i < count; i++)
                {
                    // PUBACK (QoS 1) means acknowledged: in Acknowledged mode each of these is on disk already.
                    await target.Client.PublishAsync(TestClients.Message($"crash/{i}", $"value-{i}", retain: true));
                }

                if (persisted is not null)
                {
                    // Batched mode commits right behind the acknowledgement; the broker says when it has.
                    await persisted.WaitForAsync(m => long.Parse(m.ConvertPayloadToString(), System.Globalization.CultureInfo.InvariantCulture) >= count, TimeSpan.FromSeconds(15));
                }

                broker.Kill();
                await broker.WaitForExitAsync();
            }

            using (var restarted = StartBrokerProcess(data, port, durability))
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

    private static Process StartBrokerProcess(string data, int port, string durability)
    {
        var dll = Path.Combine(AppContext.BaseDirectory, "UnsMes.Broker.dll");
        var info = new ProcessStartInfo("dotnet") { UseShellExecute = false, RedirectStandardOutput = false, RedirectStandardError = false };
        info.ArgumentList.Add(dll);
        info.ArgumentList.Add("--urls=http://127.0.0.1:" + FreePort.Next());
        info.ArgumentList.Add("--Broker:BindAddress=127.0.0.1");
        info.ArgumentList.Add($"--Broker:TcpPort={port}");
        info.ArgumentList.Add($"--Broker:DataDirectory={data}");
        info.ArgumentList.Add("--Broker:AllowAnonymous=true");
        info.ArgumentList.Add($"--Broker:RetainedDurability={durability}");
        info.ArgumentList.Add("--Broker:StatisticsIntervalSeconds=1");
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

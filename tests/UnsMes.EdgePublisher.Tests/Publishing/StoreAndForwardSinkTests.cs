using System.Collections.Concurrent;
using System.Text.Json;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using MQTTnet;
using UnsMes.EdgePublisher.Buffering;
using UnsMes.EdgePublisher.Publishing;
using UnsMes.ServiceDefaults.Uns;
using UnsMes.Testing;
using UnsMes.Uns.Payloads;
using UnsMes.Uns.Topics;

namespace UnsMes.EdgePublisher.Tests.Publishing;

/// <summary>The edge against the real broker, stopped and started again in the middle of a stream of counts.</summary>
public class StoreAndForwardSinkTests
{
    private static readonly IsaPath Cell = IsaPath.CellOf("acme", "s1", "a1", "l1", "m1");

    [Test]
    public async Task BrokerStoppedAndStarted_NoMessageLost_OrderKept_BufferedOnesHistorical()
    {
        var folder = Directory.CreateTempSubdirectory("unsmes-sf-sink-").FullName;
        await using var broker = await TestBroker.StartAsync();
        var arrived = new ConcurrentQueue<(long Good, bool Historical)>();
        Wiretap(broker.Get<MQTTnet.Server.MqttServer>(), arrived);
        var options = Options.Create(new EdgeOptions { StoreAndForward = new StoreAndForwardOptions { Path = Path.Combine(folder, "sf.db"), PublishTimeoutMs = 500 } });
        await using var client = new UnsClient("edge", new UnsClientOptions { Host = "127.0.0.1", Port = broker.Port, ReconnectMaxDelaySeconds = 1, PublishStatus = false }, NullLogger<UnsClient>.Instance, TimeProvider.System);
        using var buffer = new StoreAndForwardBuffer(options.Value.StoreAndForward.Path, 100_000);
        using var sink = new StoreAndForwardSink(client, buffer, options, NullLogger<StoreAndForwardSink>.Instance);
        await client.StartAsync(CancellationToken.None);
        await sink.StartAsync(CancellationToken.None);
        await client.WaitUntilConnectedAsync(CancellationToken.None).WaitAsync(TimeSpan.FromSeconds(10));

        for (var good = 1; good <= 100; good++)
        {
            await sink.SendAsync([Count(good)], CancellationToken.None);
        }

        await broker.StopAsync();
        for (var good = 101; good <= 300; good++)
        {
            await sink.SendAsync([Count(good)], CancellationToken.None);
        }

        var bufferedWhileAway = sink.Buffered;
        await broker.StartAgainAsync(beforeStart: server => Wiretap(server, arrived));
        for (var good = 301; good <= 400; good++)
        {
            await sink.SendAsync([Count(good)], CancellationToken.None);
        }

        await WaitUntilAsync(() => arrived.Count >= 400 && sink.Buffered == 0, TimeSpan.FromSeconds(30));
        var received = arrived.ToList();
        Assert.Multiple(() =>
        {
            Assert.That(bufferedWhileAway, Is.EqualTo(200), "every count sent while the broker was down should wait on disk");
            Assert.That(received.Select(r => r.Good), Is.EqualTo(Enumerable.Range(1, 400).Select(i => (long)i)), "lost, duplicated or reordered");
            Assert.That(received.Where(r => r.Good is > 100 and <= 300).All(r => r.Historical), Is.True, "replayed counts must be marked historical");
            Assert.That(received.Where(r => r.Good <= 100).Any(r => r.Historical), Is.False, "live counts must not be marked historical");
        });

        await sink.StopAsync(CancellationToken.None);
        await client.StopAsync(CancellationToken.None);
        Directory.Delete(folder, recursive: true);
    }

    private static void Wiretap(MQTTnet.Server.MqttServer server, ConcurrentQueue<(long, bool)> arrived) =>
        server.InterceptingPublishAsync += args =>
        {
            if (args.ApplicationMessage.Topic == UnsTopic.Count(Cell).ToString())
            {
                using var json = JsonDocument.Parse(args.ApplicationMessage.ConvertPayloadToString());
                var historical = json.RootElement.TryGetProperty("historical", out var h) && h.GetBoolean();
                arrived.Enqueue((json.RootElement.GetProperty("good").GetInt64(), historical));
            }

            return Task.CompletedTask;
        };

    private static EdgeMessage Count(long good) => new(UnsTopic.Count(Cell), new ProductionCountPayload
    {
        V = 1,
        Ts = UnsTime.Now(TimeProvider.System),
        Good = good,
        Scrap = 0,
        Unit = "pcs",
    });

    private static async Task WaitUntilAsync(Func<bool> condition, TimeSpan timeout)
    {
        using var cts = new CancellationTokenSource(timeout);
        while (!condition())
        {
            await Task.Delay(50, cts.Token);
        }
    }
}

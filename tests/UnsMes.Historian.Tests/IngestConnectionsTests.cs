using System.Collections.Concurrent;
using MQTTnet.Server;
using UnsMes.Testing;

namespace UnsMes.Historian.Tests;

/// <summary>Several ingest connections in one shared subscription group split the stream and store it once.</summary>
public class IngestConnectionsTests
{
    private string _directory = null!;

    [SetUp]
    public void CreateFolder() => _directory = Directory.CreateTempSubdirectory("unsmes-historian-connections-").FullName;

    [TearDown]
    public void RemoveFolder()
    {
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        Directory.Delete(_directory, recursive: true);
    }

    [Test]
    public async Task Ingest_TwoConnections_ShareTheStreamAndStoreEveryValueOnce()
    {
        const string tagFilter = "uns/v1/+/+/+/+/+/_tag/+";
        const int total = 400;
        await using var broker = await TestBroker.StartAsync();
        var server = broker.Get<MqttServer>();
        var subscribers = new ConcurrentDictionary<string, bool>();
        var acknowledged = new ConcurrentDictionary<string, int>();
        server.ClientSubscribedTopicAsync += args =>
        {
            if (args.TopicFilter.Topic == tagFilter)
            {
                subscribers[args.ClientId] = true;
            }

            return Task.CompletedTask;
        };
        server.ClientAcknowledgedPublishPacketAsync += args =>
        {
            acknowledged.AddOrUpdate(args.ClientId, 1, (_, n) => n + 1);
            return Task.CompletedTask;
        };

        var clientId = $"historian-{Guid.NewGuid():N}";
        await using var historian = await HistorianHost.StartAsync(broker, new Dictionary<string, string?>
        {
            ["Historian:SqlitePath"] = Path.Combine(_directory, "history.db"),
            ["Historian:IngestConnections"] = "2",
            ["Uns:Clients:historian:ClientId"] = clientId,
        }, waitForIngest: false);
        using (var wait = new CancellationTokenSource(TimeSpan.FromSeconds(30)))
        {
            while (subscribers.Count < 2)
            {
                await Task.Delay(20, wait.Token);
            }
        }

        Assert.That(subscribers.Keys, Is.EquivalentTo(new[] { clientId, $"{clientId}-2" }), "both connections subscribe, in the share group");
        using var machine = await TestClients.ConnectAsync(broker);
        var t = Publish.Now() - 60_000;
        for (var n = 0; n < total; n++)
        {
            await machine.PublishAsync(Publish.Tag($"t{n % 8}", t + n, n * 0.5));
        }

        await historian.WaitForMessagesAsync(total);

        Assert.That(historian.Status.Points, Is.EqualTo(total), "each value stored once");
        var tags = await historian.Store.TagsAsync(CancellationToken.None);
        var stored = 0;
        foreach (var tag in tags)
        {
            stored += (await historian.Store.RawAsync(tag, t, t + total, 10_000, CancellationToken.None)).Count;
        }

        Assert.That(stored, Is.EqualTo(total));
        // Acknowledgements leave after the commit that the status already counts: give the last ones time to arrive.
        int[] Shares() => [.. new[] { clientId, $"{clientId}-2" }.Select(id => acknowledged.GetValueOrDefault(id))];
        using (var wait = new CancellationTokenSource(TimeSpan.FromSeconds(10)))
        {
            while (Shares().Sum() < total && !wait.IsCancellationRequested)
            {
                await Task.Delay(20, CancellationToken.None);
            }
        }

        await Task.Delay(200); // and any acknowledgement beyond the total, which would be a duplicate
        var shares = Shares();
        Assert.That(shares, Has.All.GreaterThan(0), $"both connections took part: {string.Join(" / ", shares)}");
        Assert.That(shares.Sum(), Is.EqualTo(total), "every message acknowledged once");
    }
}

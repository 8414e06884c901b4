using System.Buffers;
using Microsoft.Extensions.Logging.Abstractions;
using UnsMes.Testing;
using UnsMes.ServiceDefaults.Uns;
using UnsMes.Uns.Payloads;
using UnsMes.Uns.Topics;

namespace UnsMes.Broker.Tests;

/// <summary>The services' resilient client against the real broker, across a broker restart.</summary>
public class UnsClientTests
{
    private static readonly IsaPath Cell = IsaPath.CellOf("acme", "plant1", "machining", "line1", "cnc01");

    [Test]
    public async Task UnsClient_BrokerRestarts_ReconnectsAndReceivesWhatWasPublishedWhileAway()
    {
        await using var broker = await TestBroker.StartAsync();
        var options = new UnsClientOptions { Host = "127.0.0.1", Port = broker.Port, ReconnectMaxDelaySeconds = 1, ClientId = "oee-under-test" };
        await using var client = new UnsClient("oee", options, NullLogger<UnsClient>.Instance, TimeProvider.System);
        var received = new System.Collections.Concurrent.ConcurrentQueue<string>();
        var arrived = new SemaphoreSlim(0);
        await client.SubscribeAsync(UnsFilters.Family(UnsContract.Count).Single(f => f.EndsWith("+/+/+/+/+/_count", StringComparison.Ordinal)), UnsQos.AtLeastOnce, (message, _) =>
        {
            received.Enqueue(message.Topic);
            arrived.Release();
            return Task.CompletedTask;
        }, CancellationToken.None);
        await client.StartAsync(CancellationToken.None);
        await client.WaitUntilConnectedAsync(CancellationToken.None).WaitAsync(TimeSpan.FromSeconds(10));

        await broker.StopAsync();
        await broker.StartAgainAsync();
        using var publisher = await TestClients.ConnectAsync(broker);
        await client.WaitUntilConnectedAsync(CancellationToken.None).WaitAsync(TimeSpan.FromSeconds(15));
        await publisher.PublishAsync(TestClients.Message(UnsTopic.Count(Cell), CountPayload()));

        Assert.That(await arrived.WaitAsync(TimeSpan.FromSeconds(10)), Is.True, "the client did not resubscribe after the broker restart");
        Assert.That(received, Does.Contain(UnsTopic.Count(Cell).ToString()));
        await client.StopAsync(CancellationToken.None);
    }

    [Test]
    public async Task UnsClient_ServiceAway_PersistentSessionDeliversQos1MessagesOnReturn()
    {
        await using var broker = await TestBroker.StartAsync();
        var options = new UnsClientOptions { Host = "127.0.0.1", Port = broker.Port, ClientId = "historian-under-test", PublishStatus = false };
        var topics = new System.Collections.Concurrent.ConcurrentQueue<string>();
        var first = new UnsClient("historian", options, NullLogger<UnsClient>.Instance, TimeProvider.System);
        await first.SubscribeAsync("uns/v1/acme/#", UnsQos.AtLeastOnce, (_, _) => Task.CompletedTask, CancellationToken.None);
        await first.StartAsync(CancellationToken.None);
        await first.WaitUntilConnectedAsync(CancellationToken.None).WaitAsync(TimeSpan.FromSeconds(10));
        await first.StopAsync(CancellationToken.None);
        await first.DisposeAsync();

        using var publisher = await TestClients.ConnectAsync(broker);
        for (var i = 0; i < 20; i++)
        {
            await publisher.PublishAsync(TestClients.Message(UnsTopic.Count(Cell), CountPayload(i)));
        }

        var arrivedAll = new TaskCompletionSource();
        await using var second = new UnsClient("historian", options, NullLogger<UnsClient>.Instance, TimeProvider.System);
        await second.SubscribeAsync("uns/v1/acme/#", UnsQos.AtLeastOnce, (message, _) =>
        {
            topics.Enqueue(message.Topic);
            if (topics.Count == 20)
            {
                arrivedAll.TrySetResult();
            }

            return Task.CompletedTask;
        }, CancellationToken.None);
        await second.StartAsync(CancellationToken.None);

        await arrivedAll.Task.WaitAsync(TimeSpan.FromSeconds(15));
        Assert.That(topics, Has.Count.EqualTo(20));
        await second.StopAsync(CancellationToken.None);
    }

    [Test]
    public async Task UnsClient_SessionResumesBeforeTheHandlerIsRegistered_NothingIsLost()
    {
        // The broker sends a resumed session's messages right after CONNACK; services register handlers a little
        // later (after loading their state). Messages must wait for the handler, not be acknowledged unhandled.
        await using var broker = await TestBroker.StartAsync();
        var options = new UnsClientOptions { Host = "127.0.0.1", Port = broker.Port, ClientId = "late-handler", PublishStatus = false };
        await using (var first = new UnsClient("historian", options, NullLogger<UnsClient>.Instance, TimeProvider.System))
        {
            await first.SubscribeAsync("uns/v1/acme/#", UnsQos.AtLeastOnce, (_, _) => Task.CompletedTask, CancellationToken.None);
            await first.StartAsync(CancellationToken.None);
            await first.WaitUntilConnectedAsync(CancellationToken.None).WaitAsync(TimeSpan.FromSeconds(10));
            await first.StopAsync(CancellationToken.None);
        }

        using var publisher = await TestClients.ConnectAsync(broker);
        for (var i = 0; i < 20; i++)
        {
            await publisher.PublishAsync(TestClients.Message(UnsTopic.Count(Cell), CountPayload(i)));
        }

        await using var second = new UnsClient("historian", options, NullLogger<UnsClient>.Instance, TimeProvider.System);
        await second.StartAsync(CancellationToken.None);
        await second.WaitUntilConnectedAsync(CancellationToken.None).WaitAsync(TimeSpan.FromSeconds(10));
        await Task.Delay(TimeSpan.FromSeconds(1)); // the resumed session's messages are here by now
        var goods = new System.Collections.Concurrent.ConcurrentQueue<int>();
        await second.SubscribeAsync("uns/v1/acme/#", UnsQos.AtLeastOnce, (message, _) =>
        {
            goods.Enqueue(System.Text.Json.JsonDocument.Parse(message.Payload.ToArray()).RootElement.GetProperty("good").GetInt32());
            return Task.CompletedTask;
        }, CancellationToken.None);

        using var deadline = new CancellationTokenSource(TimeSpan.FromSeconds(15));
        while (goods.Count < 20 && !deadline.IsCancellationRequested)
        {
            await Task.Delay(50);
        }

        Assert.That(goods, Is.EqualTo(Enumerable.Range(0, 20)), "every message of the resumed session, in order");
        await second.StopAsync(CancellationToken.None);
    }

    [Test]
    public async Task UnsClient_PublishInvalidPayload_ThrowsWithTheBrokersReason()
    {
        await using var broker = await TestBroker.StartAsync();
        var options = new UnsClientOptions { Host = "127.0.0.1", Port = broker.Port, PublishStatus = false };
        await using var client = new UnsClient("edge", options, NullLogger<UnsClient>.Instance, TimeProvider.System);
        await client.StartAsync(CancellationToken.None);
        var invalid = new ProductionCountPayload { V = 1, Ts = UnsTime.Now(TimeProvider.System), Good = -5, Scrap = 0, Unit = "pcs" };

        var failure = Assert.ThrowsAsync<UnsPublishRejectedException>(() => client.PublishAsync(UnsTopic.Count(Cell), invalid, CancellationToken.None));

        Assert.That(failure!.Message, Does.Contain("$.good: -5 must be a finite number >= 0"));
        await client.StopAsync(CancellationToken.None);
    }

    private static string CountPayload(int good = 10) =>
        $$"""{"v":1,"ts":{{Payloads.Now}},"good":{{good}},"scrap":1,"unit":"pcs"}""";
}

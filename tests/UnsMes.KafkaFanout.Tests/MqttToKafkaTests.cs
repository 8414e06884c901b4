using System.Text;
using Confluent.Kafka;
using Confluent.Kafka.Admin;
using MQTTnet;
using MQTTnet.Protocol;
using UnsMes.KafkaFanout.Forwarding;
using UnsMes.KafkaFanout.Tests.Kafka;
using UnsMes.Testing;

namespace UnsMes.KafkaFanout.Tests;

/// <summary>The namespace into Kafka through a real broker and a Kafka-protocol cluster; read back with a Kafka consumer.</summary>
[TestFixture(ClusterKind.LibrdkafkaMock)]
[TestFixture(ClusterKind.ApacheKafkaContainer)]
[NonParallelizable]
public sealed class MqttToKafkaTests(ClusterKind kind)
{
    /// <summary>The fan-out forwards whatever the broker accepted; the tests' short payloads need not follow the contract.</summary>
    internal static readonly Dictionary<string, string?> NoContractValidation = new() { ["Broker:ValidateContract"] = "false" };

    private IKafkaTestCluster _cluster = null!;
    private TestBroker _broker = null!;

    [OneTimeSetUp]
    public async Task StartAsync()
    {
        _cluster = await ClusterStarter.StartAsync(kind);
        _broker = await TestBroker.StartAsync(extra: NoContractValidation);
    }

    [OneTimeTearDown]
    public async Task StopAsync()
    {
        if (_broker is not null)
        {
            await _broker.DisposeAsync();
        }

        if (_cluster is not null)
        {
            await _cluster.DisposeAsync();
        }
    }

    [Test]
    public async Task Forward_ValuesAndEvents_LandInTheirTopicsKeyedByUnsPathWithHeadersAndPayloadUnchanged()
    {
        var id = Id();
        await _cluster.CreateTopicAsync($"values{id}", 3);
        await _cluster.CreateTopicAsync($"events{id}", 3);
        var settings = FanoutHost.Settings(_broker, _cluster.BootstrapServers, id, new Dictionary<string, string?>
        {
            ["Kafka:Filters:0"] = $"uns/v1/e{id}/#",
            ["Kafka:Routes:0:Topic"] = $"values{id}",
            ["Kafka:Routes:0:Contracts:0"] = "_tag",
            ["Kafka:Routes:0:Contracts:1"] = "_state",
            ["Kafka:Routes:1:Topic"] = $"events{id}",
            ["Kafka:Routes:1:Contracts:0"] = "_event",
        });
        await using var fanout = await FanoutHost.StartAsync(_broker, settings, $"uns/v1/e{id}/#");
        using var publisher = await TestClients.ConnectAsync(_broker);
        var tagTopic = $"uns/v1/e{id}/dayton/machining/line1/cnc01/_tag/spindle_temp";
        var eventTopic = $"uns/v1/e{id}/dayton/machining/line1/cnc01/_event/fault";
        const string tagPayload = """{"v":1,"ts":1700000000000,"value":71.5,"unit":"degC","quality":"good"}""";
        const string traceParent = "00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01";
        await publisher.PublishAsync(new MqttApplicationMessageBuilder()
            .WithTopic(tagTopic)
            .WithPayload(tagPayload)
            .WithContentType("application/json")
            .WithUserProperty("traceparent", Encoding.UTF8.GetBytes(traceParent))
            .WithUserProperty("line-shift", "A"u8.ToArray())
            .WithRetainFlag()
            .WithQualityOfServiceLevel(MqttQualityOfServiceLevel.AtLeastOnce)
            .Build());
        await publisher.PublishAsync(TestClients.Message(eventTopic, """{"v":1,"ts":1700000000001,"type":"fault"}"""));

        var values = KafkaReader.Read(_cluster.BootstrapServers, $"values{id}", 3, 1);
        var events = KafkaReader.Read(_cluster.BootstrapServers, $"events{id}", 3, 1);

        Assert.That(values, Has.Count.EqualTo(1));
        Assert.That(events, Has.Count.EqualTo(1));
        var value = values[0];
        Assert.Multiple(() =>
        {
            Assert.That(KafkaReader.Text(value.Message.Key), Is.EqualTo(tagTopic), "key = UNS path");
            Assert.That(KafkaReader.Text(value.Message.Value), Is.EqualTo(tagPayload), "payload unchanged");
            Assert.That(KafkaReader.Header(value, KafkaHeaderNames.UnsPath), Is.EqualTo(tagTopic));
            Assert.That(KafkaReader.Header(value, KafkaHeaderNames.UnsContract), Is.EqualTo("_tag"));
            Assert.That(KafkaReader.Header(value, KafkaHeaderNames.ContentType), Is.EqualTo("application/json"));
            Assert.That(KafkaReader.Header(value, KafkaHeaderNames.MqttQos), Is.EqualTo("1"));
            Assert.That(KafkaReader.Header(value, KafkaHeaderNames.TraceParent), Is.EqualTo(traceParent), "trace context travels");
            Assert.That(KafkaReader.Header(value, "line-shift"), Is.EqualTo("A"), "user properties travel");
            Assert.That(KafkaReader.Text(events[0].Message.Key), Is.EqualTo(eventTopic));
            Assert.That(KafkaReader.Header(events[0], KafkaHeaderNames.UnsContract), Is.EqualTo("_event"));
        });
    }

    [Test]
    public async Task Forward_ManyAssetsInterleaved_EachAssetStaysInOnePartitionInPublishOrder()
    {
        var id = Id();
        const int partitions = 4;
        const int assets = 12;
        const int perAsset = 50;
        await _cluster.CreateTopicAsync($"order{id}", partitions);
        var settings = FanoutHost.Settings(_broker, _cluster.BootstrapServers, id, new Dictionary<string, string?>
        {
            ["Kafka:Filters:0"] = $"uns/v1/e{id}/#",
            ["Kafka:Routes:0:Topic"] = $"order{id}",
            ["Kafka:MaxInFlight"] = "64",
        });
        await using var fanout = await FanoutHost.StartAsync(_broker, settings, $"uns/v1/e{id}/#");
        using var publisher = await TestClients.ConnectAsync(_broker);
        for (var n = 0; n < perAsset; n++)
        {
            for (var a = 0; a < assets; a++)
            {
                await publisher.PublishAsync(TestClients.Message($"uns/v1/e{id}/s/a/l/m{a}/_count", $$"""{"n":{{n}}}"""));
            }
        }

        var records = KafkaReader.Read(_cluster.BootstrapServers, $"order{id}", partitions, assets * perAsset);

        Assert.That(records, Has.Count.EqualTo(assets * perAsset));
        var byAsset = records.GroupBy(r => KafkaReader.Text(r.Message.Key)).ToList();
        Assert.That(byAsset, Has.Count.EqualTo(assets));
        Assert.That(records.Select(r => r.Partition.Value).Distinct().Count(), Is.GreaterThan(1), "the assets spread over partitions");
        foreach (var asset in byAsset)
        {
            Assert.That(asset.Select(r => r.Partition.Value).Distinct().Count(), Is.EqualTo(1), $"{asset.Key} in one partition");
            var sequence = asset.OrderBy(r => r.Offset.Value).Select(r => KafkaReader.Text(r.Message.Value)).ToList();
            Assert.That(sequence, Is.EqualTo(Enumerable.Range(0, perAsset).Select(n => $$"""{"n":{{n}}}""").ToList()), $"{asset.Key} in order");
        }
    }

    [Test]
    public async Task Forward_UnmappedOversizedAndRejected_AreDeadLetteredWithReasonWhileTheRestPasses()
    {
        var id = Id();
        await _cluster.CreateTopicAsync($"ok{id}", 1);
        await _cluster.RejectTopicAsync($"refused{id}");
        var settings = FanoutHost.Settings(_broker, _cluster.BootstrapServers, id, new Dictionary<string, string?>
        {
            ["Kafka:Filters:0"] = $"uns/v1/e{id}/#",
            ["Kafka:MaxMessageBytes"] = "2048",
            ["Kafka:Routes:0:Topic"] = $"ok{id}",
            ["Kafka:Routes:0:Contracts:0"] = "_count",
            ["Kafka:Routes:1:Topic"] = $"refused{id}",
            ["Kafka:Routes:1:Contracts:0"] = "_wip",
        });
        await using var fanout = await FanoutHost.StartAsync(_broker, settings, $"uns/v1/e{id}/#");
        using var watcher = await TestClients.ConnectAsync(_broker);
        var deadLetters = await TestClients.SubscribeAsync(watcher, "uns/v1/_deadletter/kafka-fanout");
        using var publisher = await TestClients.ConnectAsync(_broker);
        var unmapped = $"uns/v1/e{id}/s/a/l/m1/_state";
        var oversized = $"uns/v1/e{id}/s/a/l/m2/_count";
        var refused = $"uns/v1/e{id}/s/a/l/_wip";
        await publisher.PublishAsync(TestClients.Message(unmapped, "{}"));
        await publisher.PublishAsync(TestClients.Message(oversized, new string('x', 4096)));
        await publisher.PublishAsync(TestClients.Message(refused, """{"wip":1}"""));
        for (var n = 0; n < 10; n++)
        {
            await publisher.PublishAsync(TestClients.Message($"uns/v1/e{id}/s/a/l/m3/_count", $"{n}"));
        }

        var passed = KafkaReader.Read(_cluster.BootstrapServers, $"ok{id}", 1, 10);
        Assert.That(passed.Select(r => KafkaReader.Text(r.Message.Value)), Is.EqualTo(Enumerable.Range(0, 10).Select(n => $"{n}")));
        string Reason(string topic) => Encoding.UTF8.GetString(deadLetters.Messages.First(m => Encoding.UTF8.GetString(m.Payload).Contains($"\"originalTopic\":\"{topic}\"", StringComparison.Ordinal)).Payload);
        await deadLetters.WaitForCountAsync(3, TimeSpan.FromSeconds(30));
        Assert.Multiple(() =>
        {
            Assert.That(Reason(unmapped), Does.Contain("unmapped"));
            Assert.That(Reason(oversized), Does.Contain("oversized"));
            Assert.That(Reason(refused), Does.Contain("rejected by Kafka"));
        });
        var status = await fanout.GetAsync("/kafka-fanout/status");
        Assert.That(status.Body, Does.Contain("\"deadLettered\":3"));
    }

    [Test]
    public async Task KafkaOutage_HealthAndRetainedStatusTurnUnhealthy_ThenEverythingHeldBackArrives()
    {
        var id = Id();
        await _cluster.CreateTopicAsync($"outage{id}", 2);
        var settings = FanoutHost.Settings(_broker, _cluster.BootstrapServers, id, new Dictionary<string, string?>
        {
            ["Kafka:Filters:0"] = $"uns/v1/e{id}/#",
            ["Kafka:Routes:0:Topic"] = $"outage{id}",
        });
        await using var fanout = await FanoutHost.StartAsync(_broker, settings, $"uns/v1/e{id}/#");
        await fanout.WaitForHealthAsync(200, TimeSpan.FromSeconds(20));
        using var watcher = await TestClients.ConnectAsync(_broker);
        var status = await TestClients.SubscribeAsync(watcher, "uns/v1/_status/kafka-fanout");
        using var publisher = await TestClients.ConnectAsync(_broker);

        await _cluster.GoDownAsync();
        try
        {
            await fanout.WaitForHealthAsync(503, TimeSpan.FromSeconds(30));
            await status.WaitForAsync(m => Encoding.UTF8.GetString(m.Payload).Contains("\"health\":\"unhealthy\"", StringComparison.Ordinal), TimeSpan.FromSeconds(15));
            for (var n = 0; n < 200; n++)
            {
                await publisher.PublishAsync(TestClients.Message($"uns/v1/e{id}/s/a/l/m{n % 5}/_count", $"{n}"));
            }
        }
        finally
        {
            await _cluster.ComeBackAsync();
        }

        var records = KafkaReader.ReadUntil(_cluster.BootstrapServers, $"outage{id}", 2,
            results => results.Select(r => KafkaReader.Text(r.Message.Value)).Distinct().Count() >= 200, TimeSpan.FromSeconds(60));
        Assert.That(records.Select(r => KafkaReader.Text(r.Message.Value)).Distinct().Count(), Is.EqualTo(200), "nothing lost across the outage");
        await fanout.WaitForHealthAsync(200, TimeSpan.FromSeconds(30));
        await status.WaitForAsync(m => Encoding.UTF8.GetString(m.Payload).Contains("\"health\":\"healthy\"", StringComparison.Ordinal), TimeSpan.FromSeconds(15));
    }

    [Test]
    public async Task Forward_WhatWasProduced_IsReadByKcatFromAnotherProcess()
    {
        ExternalProcess.RequireInstalled("kcat", "kcat");
        var id = Id();
        await _cluster.CreateTopicAsync($"kcat{id}", 1);
        var settings = FanoutHost.Settings(_broker, _cluster.BootstrapServers, id, new Dictionary<string, string?>
        {
            ["Kafka:Filters:0"] = $"uns/v1/e{id}/#",
            ["Kafka:Routes:0:Topic"] = $"kcat{id}",
        });
        await using var fanout = await FanoutHost.StartAsync(_broker, settings, $"uns/v1/e{id}/#");
        using var publisher = await TestClients.ConnectAsync(_broker);
        var topic = $"uns/v1/e{id}/s/a/l/m1/_state";
        await publisher.PublishAsync(TestClients.Message(topic, """{"state":"running"}"""));
        Assert.That(KafkaReader.Read(_cluster.BootstrapServers, $"kcat{id}", 1, 1), Has.Count.EqualTo(1));

        var kcat = await ExternalProcess.RunAsync("kcat", TimeSpan.FromSeconds(30),
            "-C", "-b", _cluster.BootstrapServers, "-t", $"kcat{id}", "-o", "beginning", "-c", "1", "-e",
            "-f", "%k|%s|%h\\n");

        Assert.That(kcat.ExitCode, Is.Zero, kcat.Error);
        Assert.That(kcat.Output, Does.StartWith($"{topic}|{{\"state\":\"running\"}}|"));
        Assert.That(kcat.Output, Does.Contain($"uns-path={topic}"));
    }

    [Test]
    public async Task Start_CreateTopicsOn_MissingRouteTopicsAreCreatedWithCompactionWhereTheClusterAllows()
    {
        var id = Id();
        var settings = FanoutHost.Settings(_broker, _cluster.BootstrapServers, id, new Dictionary<string, string?>
        {
            ["Kafka:CreateTopics"] = "true",
            ["Kafka:Partitions"] = "3",
            ["Kafka:ReplicationFactor"] = "1",
            ["Kafka:Filters:0"] = $"uns/v1/e{id}/#",
            ["Kafka:Routes:0:Topic"] = $"latest{id}",
            ["Kafka:Routes:0:Compact"] = "true",
            ["Kafka:Routes:0:Contracts:0"] = "_state",
        });
        await using var fanout = await FanoutHost.StartAsync(_broker, settings, $"uns/v1/e{id}/#");
        await fanout.WaitForHealthAsync(200, TimeSpan.FromSeconds(30));

        using var admin = new AdminClientBuilder(new AdminClientConfig { BootstrapServers = _cluster.BootstrapServers }).Build();
        if (kind == ClusterKind.ApacheKafkaContainer)
        {
            var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(30);
            while (!admin.GetMetadata($"latest{id}", TimeSpan.FromSeconds(5)).Topics.Any(t => !t.Error.IsError && t.Partitions.Count > 0))
            {
                Assert.That(DateTime.UtcNow, Is.LessThan(deadline), "the topic was not created");
                await Task.Delay(200);
            }

            var topic = admin.GetMetadata($"latest{id}", TimeSpan.FromSeconds(5)).Topics.Single();
            var configs = await admin.DescribeConfigsAsync([new ConfigResource { Type = ResourceType.Topic, Name = $"latest{id}" }]);
            Assert.That(topic.Partitions, Has.Count.EqualTo(3));
            Assert.That(configs.Single().Entries["cleanup.policy"].Value, Is.EqualTo("compact"));
        }

        // Created or not (librdkafka's mock cluster has no CreateTopics), the fan-out forwards once the topic exists.
        using var publisher = await TestClients.ConnectAsync(_broker);
        await publisher.PublishAsync(TestClients.Message($"uns/v1/e{id}/s/a/l/m1/_state", "running"));
        var partitions = admin.GetMetadata($"latest{id}", TimeSpan.FromSeconds(5)).Topics.Single().Partitions.Count;
        Assert.That(KafkaReader.Read(_cluster.BootstrapServers, $"latest{id}", Math.Max(partitions, 1), 1), Has.Count.EqualTo(1));
    }

    private static string Id() => Guid.NewGuid().ToString("N")[..8];
}

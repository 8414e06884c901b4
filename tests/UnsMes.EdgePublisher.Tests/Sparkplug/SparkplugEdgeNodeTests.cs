using Google.Protobuf;
using Microsoft.Extensions.Time.Testing;
using UnsMes.EdgePublisher.Sparkplug;
using UnsMes.Sparkplug;
using Metric = UnsMes.Sparkplug.Protocol.Payload.Types.Metric;
using static UnsMes.EdgePublisher.Tests.Sparkplug.SparkplugTestData;

namespace UnsMes.EdgePublisher.Tests.Sparkplug;

public class SparkplugEdgeNodeTests
{
    // NUnit shares one fixture instance between its tests, so each test gets its own clock here.
    private FakeTimeProvider _time = null!;

    [SetUp]
    public void StartClock() => _time = new FakeTimeProvider(Start);

    [Test]
    public void Birth_NewSession_NbirthHasSeqZeroBdSeqRebirthFalseThenOneDbirthPerDevice()
    {
        var node = Node(_time, [new SparkplugMetricValue("Properties/Version", SparkplugDataType.String, "1.0", StartMs)]);
        node.Report(Machine("cnc01"));
        node.Report(Machine("cnc02"));
        node.StartSession();

        var births = node.Birth();

        var nbirth = births[0].Payload;
        Assert.Multiple(() =>
        {
            Assert.That(births.Select(b => b.Topic.Value), Is.EqualTo(new[]
            {
                $"spBv1.0/{Group}/NBIRTH/{EdgeNode}", $"spBv1.0/{Group}/DBIRTH/{EdgeNode}/cnc01", $"spBv1.0/{Group}/DBIRTH/{EdgeNode}/cnc02",
            }));
            Assert.That(births.Select(b => b.Seq), Is.EqualTo(new ulong?[] { 0, 1, 2 }));
            Assert.That(nbirth.Timestamp, Is.EqualTo((ulong)StartMs));
            Assert.That(nbirth.Metrics.Select(m => m.Name), Is.EqualTo(new[] { "bdSeq", "Node Control/Rebirth", "Properties/Version" }));
            Assert.That(Named(nbirth, "bdSeq").Datatype, Is.EqualTo((uint)SparkplugDataType.Int64));
            Assert.That(Named(nbirth, "bdSeq").LongValue, Is.Zero);
            Assert.That(Named(nbirth, "Node Control/Rebirth").Datatype, Is.EqualTo((uint)SparkplugDataType.Boolean));
            Assert.That(Named(nbirth, "Node Control/Rebirth").BooleanValue, Is.False);
            Assert.That(node.IsBorn, Is.True);
        });
    }

    [Test]
    public void Dbirth_Device_CarriesNameAliasDatatypeValueAndTimestampOfEveryMetric()
    {
        var node = Node(_time);
        node.Report(Machine("cnc01", state: "idle", good: 12, scrap: 3, temperature: 41.5, atMs: StartMs - 500));
        node.StartSession();

        var dbirth = node.Birth()[1].Payload;

        Assert.Multiple(() =>
        {
            Assert.That(dbirth.Metrics.Select(m => m.Name), Is.EqualTo(new[] { "State", "Counts/Good", "Counts/Scrap", "Process/Temperature" }));
            Assert.That(dbirth.Metrics.Select(m => m.Datatype), Is.EqualTo(new uint[] { 12, 4, 8, 10 }));
            Assert.That(dbirth.Metrics.Select(m => m.Alias).Distinct().Count(), Is.EqualTo(4), "aliases are unique across the node");
            Assert.That(dbirth.Metrics.All(m => m.HasAlias && m.Timestamp == (ulong)(StartMs - 500)), Is.True);
            Assert.That(Named(dbirth, "State").StringValue, Is.EqualTo("idle"));
            Assert.That(Named(dbirth, "Counts/Good").LongValue, Is.EqualTo(12UL));
            Assert.That(Named(dbirth, "Counts/Scrap").LongValue, Is.EqualTo(3UL));
            Assert.That(Named(dbirth, "Process/Temperature").DoubleValue, Is.EqualTo(41.5));
        });
    }

    [Test]
    public void Seq_After255_WrapsToZero()
    {
        var node = BornNodeWith("cnc01", out var seqs);

        for (var good = 1; good <= 300; good++)
        {
            seqs.AddRange(node.Report(Machine("cnc01", good: good)).Select(m => m.Seq!.Value));
        }

        Assert.That(seqs, Is.EqualTo(Enumerable.Range(0, 302).Select(i => (ulong)(i % 256))));
    }

    [Test]
    public void Seq_Rebirth_RestartsAtZeroOnNbirth()
    {
        var node = BornNodeWith("cnc01", out _);
        for (var good = 1; good <= 10; good++)
        {
            node.Report(Machine("cnc01", good: good));
        }

        var births = node.Birth();
        var next = node.Report(Machine("cnc01", good: 11)).Single();

        Assert.That(births.Select(b => b.Seq).Append(next.Seq), Is.EqualTo(new ulong?[] { 0, 1, 2 }));
    }

    [Test]
    public void BdSeq_Will_EqualsBdSeqOfTheNbirthOfThatSession()
    {
        var node = Node(_time);

        var will = node.StartSession();
        var nbirth = node.Birth()[0];

        Assert.Multiple(() =>
        {
            Assert.That(will.Topic.Value, Is.EqualTo($"spBv1.0/{Group}/NDEATH/{EdgeNode}"));
            Assert.That(will.Seq, Is.Null, "an NDEATH carries no seq");
            Assert.That(will.Payload.Metrics.Single().Name, Is.EqualTo("bdSeq"));
            Assert.That(Named(will.Payload, "bdSeq").Datatype, Is.EqualTo((uint)SparkplugDataType.Int64));
            Assert.That(BdSeqOf(will), Is.EqualTo(BdSeqOf(nbirth)));
        });
    }

    [Test]
    public void BdSeq_EveryReconnect_IncrementsWrapsAfter255AndWillStillMatchesNbirth()
    {
        var node = Node(_time, firstBdSeq: 250);
        var seen = new List<long>();

        for (var connect = 0; connect < 10; connect++)
        {
            var will = node.StartSession();
            var nbirth = node.Birth()[0];
            Assert.That(BdSeqOf(will), Is.EqualTo(BdSeqOf(nbirth)), $"connect {connect}");
            seen.Add(BdSeqOf(nbirth));
            node.EndSession();
        }

        Assert.That(seen, Is.EqualTo(new long[] { 250, 251, 252, 253, 254, 255, 0, 1, 2, 3 }));
    }

    [Test]
    public void Death_IntentionalDisconnect_CarriesTheSessionBdSeqAndEndsTheSession()
    {
        var node = Node(_time);
        node.StartSession();
        var session = BdSeqOf(node.Birth()[0]);

        var death = node.Death();

        Assert.Multiple(() =>
        {
            Assert.That(death.MessageType, Is.EqualTo(SparkplugMessageType.NDEATH));
            Assert.That(BdSeqOf(death), Is.EqualTo(session));
            Assert.That(node.IsBorn, Is.False);
            Assert.That(node.Report(Machine("cnc01")), Is.Empty, "nothing is published outside a session");
            Assert.That(() => node.Birth(), Throws.InvalidOperationException);
        });
    }

    [Test]
    public void Rebirth_NcmdRebirthTrue_RepublishesNbirthAndEveryDbirthWithSameBdSeqFromSeqZero()
    {
        var node = BornNode(_time, Machine("cnc01"), Machine("cnc02"));
        var bdSeq = node.BdSeq;
        node.Report(Machine("cnc01", good: 5));

        var reply = node.HandleCommand($"spBv1.0/{Group}/NCMD/{EdgeNode}",
            Command(new Metric { Name = "Node Control/Rebirth", Datatype = 11, BooleanValue = true }).ToByteArray());

        Assert.Multiple(() =>
        {
            Assert.That(reply.Select(m => m.MessageType), Is.EqualTo(new[] { SparkplugMessageType.NBIRTH, SparkplugMessageType.DBIRTH, SparkplugMessageType.DBIRTH }));
            Assert.That(reply.Select(m => m.Seq), Is.EqualTo(new ulong?[] { 0, 1, 2 }));
            Assert.That(BdSeqOf(reply[0]), Is.EqualTo(bdSeq));
            Assert.That(Named(reply[1].Payload, "Counts/Good").LongValue, Is.EqualTo(5UL), "the rebirth shows current values");
        });
    }

    [Test]
    public void Rebirth_NcmdByAlias_IsUnderstoodAsWell()
    {
        var node = BornNode(_time, Machine("cnc01"));
        var alias = Named(node.Birth()[0].Payload, "Node Control/Rebirth").Alias;

        var reply = node.HandleCommand($"spBv1.0/{Group}/NCMD/{EdgeNode}", Command(new Metric { Alias = alias, BooleanValue = true }).ToByteArray());

        Assert.That(reply.Select(m => m.MessageType), Is.EqualTo(new[] { SparkplugMessageType.NBIRTH, SparkplugMessageType.DBIRTH }));
    }

    [Test]
    public void Rebirth_NcmdRebirthFalseOrOtherNode_PublishesNothing()
    {
        var node = BornNode(_time, Machine("cnc01"));
        var rebirth = Command(new Metric { Name = "Node Control/Rebirth", Datatype = 11, BooleanValue = true }).ToByteArray();

        Assert.Multiple(() =>
        {
            Assert.That(node.HandleCommand($"spBv1.0/{Group}/NCMD/{EdgeNode}",
                Command(new Metric { Name = "Node Control/Rebirth", Datatype = 11, BooleanValue = false }).ToByteArray()), Is.Empty);
            Assert.That(node.HandleCommand($"spBv1.0/{Group}/NCMD/edge-02", rebirth), Is.Empty);
            Assert.That(node.HandleCommand($"spBv1.0/{Group}/NCMD/{EdgeNode}", [0xFF, 0xFF, 0xFF]), Is.Empty, "garbage is ignored");
        });
    }

    [Test]
    public void Ddata_OneMetricChanged_CarriesOnlyThatMetricByAlias()
    {
        var node = Node(_time);
        node.Report(Machine("cnc01", good: 10, temperature: 20.0));
        node.StartSession();
        var dbirth = node.Birth()[1].Payload;
        _time.Advance(TimeSpan.FromSeconds(1));

        var ddata = node.Report(Machine("cnc01", good: 11, temperature: 20.0, atMs: StartMs + 1000)).Single();

        var metric = ddata.Payload.Metrics.Single();
        Assert.Multiple(() =>
        {
            Assert.That(ddata.Topic.Value, Is.EqualTo($"spBv1.0/{Group}/DDATA/{EdgeNode}/cnc01"));
            Assert.That(ddata.Seq, Is.EqualTo(2UL));
            Assert.That(ddata.Payload.Timestamp, Is.EqualTo((ulong)StartMs + 1000));
            Assert.That(metric.HasName, Is.False, "with aliases, data messages leave the name out");
            Assert.That(metric.Alias, Is.EqualTo(Named(dbirth, "Counts/Good").Alias));
            Assert.That(metric.Datatype, Is.EqualTo((uint)SparkplugDataType.Int64));
            Assert.That(metric.LongValue, Is.EqualTo(11UL));
            Assert.That(metric.Timestamp, Is.EqualTo((ulong)StartMs + 1000));
        });
    }

    [Test]
    public void Ddata_NothingChanged_PublishesNothing()
    {
        var node = BornNode(_time, Machine("cnc01", good: 10));

        Assert.That(node.Report(Machine("cnc01", good: 10, atMs: StartMs + 5000)), Is.Empty);
    }

    [Test]
    public void Report_BeforeTheBirth_ValueIsRememberedForTheDbirth()
    {
        var node = Node(_time);
        node.Report(Machine("cnc01", good: 1));

        Assert.That(node.Report(Machine("cnc01", good: 2)), Is.Empty, "not born yet");
        node.StartSession();
        Assert.That(Named(node.Birth()[1].Payload, "Counts/Good").LongValue, Is.EqualTo(2UL));
    }

    [Test]
    public void Report_NewDeviceOrNewMetric_SendsADbirth()
    {
        var node = BornNode(_time, Machine("cnc01"));
        var machine = Machine("cnc01");
        var extended = new SparkplugDevice("cnc01", [.. machine.Metrics, new SparkplugMetricValue("Process/Spindle", SparkplugDataType.Float, 1.5f, StartMs)]);

        var newDevice = node.Report(Machine("cnc02")).Single();
        var reshaped = node.Report(extended).Single();

        Assert.Multiple(() =>
        {
            Assert.That(newDevice.Topic.Value, Is.EqualTo($"spBv1.0/{Group}/DBIRTH/{EdgeNode}/cnc02"));
            Assert.That(reshaped.MessageType, Is.EqualTo(SparkplugMessageType.DBIRTH));
            Assert.That(reshaped.Payload.Metrics, Has.Count.EqualTo(5));
            Assert.That(new[] { newDevice.Seq, reshaped.Seq }, Is.EqualTo(new ulong?[] { 2, 3 }));
        });
    }

    [Test]
    public void Report_HistoricalValue_IsSentFlaggedAndDoesNotReplaceTheCurrentValue()
    {
        var node = BornNode(_time, Machine("cnc01", temperature: 20.0));
        var machine = Machine("cnc01", temperature: 20.0);
        var withHistory = new SparkplugDevice("cnc01",
            [.. machine.Metrics, new SparkplugMetricValue("Process/Temperature", SparkplugDataType.Double, 35.0, StartMs - 60_000, isHistorical: true)]);

        var ddata = node.Report(withHistory).Single().Payload.Metrics.Single();
        var rebirth = node.Birth()[1].Payload;

        Assert.Multiple(() =>
        {
            Assert.That(ddata.IsHistorical, Is.True);
            Assert.That(ddata.DoubleValue, Is.EqualTo(35.0));
            Assert.That(ddata.Timestamp, Is.EqualTo((ulong)(StartMs - 60_000)));
            Assert.That(Named(rebirth, "Process/Temperature").DoubleValue, Is.EqualTo(20.0));
        });
    }

    [Test]
    public void RemoveDevice_Born_PublishesDdeathWithNextSeqAndLeavesTheDeviceOutOfRebirths()
    {
        var node = BornNode(_time, Machine("cnc01"), Machine("cnc02"));

        var ddeath = node.RemoveDevice("cnc01").Single();
        var rebirth = node.Birth();

        Assert.Multiple(() =>
        {
            Assert.That(ddeath.Topic.Value, Is.EqualTo($"spBv1.0/{Group}/DDEATH/{EdgeNode}/cnc01"));
            Assert.That(ddeath.Seq, Is.EqualTo(3UL));
            Assert.That(ddeath.Payload.Timestamp, Is.EqualTo((ulong)StartMs));
            Assert.That(rebirth.Skip(1).Select(m => m.Topic.DeviceId), Is.EqualTo(new[] { "cnc02" }));
            Assert.That(node.RemoveDevice("cnc01"), Is.Empty, "already gone");
        });
    }

    [Test]
    public void Dcmd_WriteByNameOrByAlias_RaisesWriteRequestedWithTheTypedValue()
    {
        var node = BornNode(_time, Machine("cnc01"));
        var dbirth = node.Birth()[1].Payload;
        var writes = new List<SparkplugWrite>();
        node.WriteRequested += (_, write) => writes.Add(write);

        var reply = node.HandleCommand($"spBv1.0/{Group}/DCMD/{EdgeNode}/cnc01", Command(
            new Metric { Name = "State", Datatype = 12, StringValue = "stopped" },
            new Metric { Alias = Named(dbirth, "Counts/Good").Alias, LongValue = unchecked((ulong)-1L) }).ToByteArray());

        Assert.Multiple(() =>
        {
            Assert.That(reply, Is.Empty);
            Assert.That(writes, Is.EqualTo(new[]
            {
                new SparkplugWrite("cnc01", "State", SparkplugDataType.String, "stopped"),
                new SparkplugWrite("cnc01", "Counts/Good", SparkplugDataType.Int64, -1L),
            }));
        });
    }

    [Test]
    public void Dcmd_UnknownDeviceMetricOrWrongValueType_IsIgnored()
    {
        var node = BornNode(_time, Machine("cnc01"));
        var writes = new List<SparkplugWrite>();
        node.WriteRequested += (_, write) => writes.Add(write);

        node.HandleCommand($"spBv1.0/{Group}/DCMD/{EdgeNode}/cnc09", Command(new Metric { Name = "State", StringValue = "x" }).ToByteArray());
        node.HandleCommand($"spBv1.0/{Group}/DCMD/{EdgeNode}/cnc01", Command(new Metric { Name = "Feed", DoubleValue = 1 }).ToByteArray());
        node.HandleCommand($"spBv1.0/{Group}/DCMD/{EdgeNode}/cnc01", Command(new Metric { Name = "Counts/Good", StringValue = "many" }).ToByteArray());

        Assert.That(writes, Is.Empty);
    }

    [Test]
    public void Dcmd_WriteHandlerThrows_OtherWritesStillArrive()
    {
        var node = BornNode(_time, Machine("cnc01"));
        var writes = new List<string>();
        node.WriteRequested += (_, write) =>
        {
            writes.Add(write.MetricName);
            throw new InvalidOperationException("plant refused");
        };

        node.HandleCommand($"spBv1.0/{Group}/DCMD/{EdgeNode}/cnc01", Command(
            new Metric { Name = "State", StringValue = "stopped" },
            new Metric { Name = "Process/Temperature", DoubleValue = 30 }).ToByteArray());

        Assert.That(writes, Is.EqualTo(new[] { "State", "Process/Temperature" }));
    }

    [Test]
    public void Constructor_NodeMetricNamedLikeAControlMetric_Throws()
    {
        Assert.That(() => Node(_time, [new SparkplugMetricValue("bdSeq", SparkplugDataType.Int64, 3L, StartMs)]), Throws.ArgumentException);
    }

    private SparkplugEdgeNode BornNodeWith(string deviceId, out List<ulong> seqs)
    {
        var node = Node(_time);
        node.Report(Machine(deviceId));
        node.StartSession();
        seqs = [.. node.Birth().Select(m => m.Seq!.Value)];
        return node;
    }
}

using Microsoft.Extensions.Options;
using UnsMes.Historian.Ingest;
using UnsMes.Historian.Model;
using UnsMes.Historian.Query;
using UnsMes.Historian.Rollups;
using UnsMes.Historian.Storage;
using UnsMes.Uns.Payloads;

namespace UnsMes.Historian.Tests;

/// <summary>
/// The behaviour every store must show, run against SQLite and PostgreSQL alike (see the two fixtures deriving from
/// this): what goes in comes out, duplicates are ignored, aggregates match figures computed by hand, rollups answer
/// like raw data, retention deletes what is old and keeps what is rolled up.
/// </summary>
public abstract class StoreBehaviour
{
    private const string Spindle = "uns/v1/acme/s1/a1/l1/m1/_tag/spindle_load";
    private const long Minute = 60_000;
    private const long Hour = 3_600_000;

    // Two days ago, on an hour: ranges cross a day boundary (a new PostgreSQL partition) and lie in the past.
    private static readonly long T0 = ((DateTimeOffset.UtcNow.ToUnixTimeMilliseconds() / Hour) - 49) * Hour;

    protected IHistorianStore Store { get; private set; } = null!;

    protected abstract Task<IHistorianStore> CreateStoreAsync();

    [SetUp]
    public async Task CreateAsync()
    {
        Store = await CreateStoreAsync();
        await Store.InitializeAsync(CancellationToken.None);
    }

    [TearDown]
    public async Task DisposeStoreAsync() => await Store.DisposeAsync();

    [Test]
    public async Task Write_NumbersBooleansAndText_RawReturnsThemUnchanged()
    {
        HistoryPoint[] written =
        [
            Number(Spindle, T0, 41.5, Quality.Good, historical: false),
            Number(Spindle, T0 + 1000, -3.25e-7, Quality.Uncertain, historical: true),
            Number(Spindle, T0 + Hour * 30, 1e300, Quality.Bad, historical: false),
            new("uns/v1/acme/s1/a1/l1/m1/_tag/door_closed", T0, T0 + 5, TagKind.Boolean, 1, null, Quality.Good, false),
            new("uns/v1/acme/s1/a1/l1/m1/_state", T0 + 7, T0 + 9, TagKind.Text, 0, "planned_stop, \"quoted\" ünïcode", Quality.Good, true),
        ];
        await Store.WriteAsync(written, [], CancellationToken.None);

        var stored = new List<HistoryPoint>();
        foreach (var tag in await Store.TagsAsync(CancellationToken.None))
        {
            stored.AddRange(await Store.RawAsync(tag, T0, T0 + (Hour * 31), 100, CancellationToken.None));
        }

        Assert.That(stored.OrderBy(p => p.Tag).ThenBy(p => p.Ts), Is.EqualTo(written.OrderBy(p => p.Tag).ThenBy(p => p.Ts)));
        var spindle = await Tag(Spindle);
        Assert.That(spindle.Unit, Is.EqualTo("%"));
        Assert.That(await Store.RawAsync(spindle, T0, T0 + 1000, 100, CancellationToken.None), Has.Count.EqualTo(1), "ranges end before 'to'");
        Assert.That(await Store.RawAsync(spindle, T0, T0 + (Hour * 31), 2, CancellationToken.None), Has.Count.EqualTo(2), "limit");
        Assert.That((await Store.LatestAsync(spindle, CancellationToken.None))!.Number, Is.EqualTo(1e300));
        Assert.That(await Store.CountAsync(spindle, T0, T0 + (Hour * 31), CancellationToken.None), Is.EqualTo(3));
    }

    [Test]
    public async Task Write_SameBatchTwice_KeepsEveryValueAndEventOnce()
    {
        var points = Enumerable.Range(0, 500).Select(i => Number(Spindle, T0 + (i * 1000), i)).ToArray();
        var events = new[] { Event(1, "acme/s1/a1/l1/m1", "jam", T0), Event(2, "acme/s1/a1/l1", "shift_start", T0 + 1) };
        await Store.WriteAsync(points, events, CancellationToken.None);
        await Store.WriteAsync(points, events, CancellationToken.None);
        await Store.WriteAsync(points[100..200], [], CancellationToken.None);

        Assert.That(await Store.CountAsync(await Tag(Spindle), T0, T0 + Hour, CancellationToken.None), Is.EqualTo(500));
        Assert.That(await Store.EventsAsync(null, null, T0, T0 + Hour, 100, CancellationToken.None), Has.Count.EqualTo(2));
    }

    [Test]
    public async Task Aggregate_OneMinuteBuckets_MatchFiguresComputedByHand()
    {
        // Minute 1: 10 at 0 s, 20 at 10 s, 30 at 40 s. Minute 2: 40 at 70 s. Minute 3: nothing (30 s of it queried).
        await Store.WriteAsync([Number(Spindle, T0, 10), Number(Spindle, T0 + 10_000, 20), Number(Spindle, T0 + 40_000, 30), Number(Spindle, T0 + 70_000, 40)], [], CancellationToken.None);

        var (_, buckets) = await Queries().AggregateAsync(await Tag(Spindle), T0, T0 + 150_000, Minute, Resolution.Raw, CancellationToken.None);

        Assert.That(buckets, Has.Count.EqualTo(3));
        Assert.That(buckets[0], Is.EqualTo(new AggregateBucket(T0, 3, 20, 10, 30, 10, 30, ((10 * 10) + (20 * 30) + (30 * 20)) / 60.0)));
        // 30 holds from 60 s to 70 s, then 40 to the end of the minute.
        Assert.That(buckets[1], Is.EqualTo(new AggregateBucket(T0 + Minute, 1, 40, 40, 40, 40, 40, ((30 * 10) + (40 * 50)) / 60.0)));
        // An empty bucket: no figures, but 40 still holds.
        Assert.That(buckets[2], Is.EqualTo(new AggregateBucket(T0 + (2 * Minute), 0, null, null, null, null, null, 40)));
    }

    [Test]
    public async Task Rollups_MinuteAndHour_AnswerExactlyLikeRawValues()
    {
        var random = new Random(7);
        var points = new List<HistoryPoint>();
        for (long ts = T0 + 500; ts < T0 + (3 * Hour); ts += random.Next(200, 9000))
        {
            points.Add(Number(Spindle, ts, Math.Round(random.NextDouble() * 100, 3)));
        }

        await Store.WriteAsync(points, [], CancellationToken.None);
        var rows = await new RollupBuilder(Store).RollUpAsync(T0 + (3 * Hour), CancellationToken.None);
        Assert.That(rows, Is.EqualTo(180 + 3), "180 minute rows and 3 hour rows");
        Assert.That(await Store.WatermarkAsync(Resolution.Hour, CancellationToken.None), Is.EqualTo(T0 + (3 * Hour)));

        var tag = await Tag(Spindle);
        foreach (var (bucket, source) in new[] { (Minute, Resolution.Minute), (Hour, Resolution.Minute), (Hour, Resolution.Hour), (15 * Minute, Resolution.Minute) })
        {
            var (_, raw) = await Queries().AggregateAsync(tag, T0, T0 + (3 * Hour), bucket, Resolution.Raw, CancellationToken.None);
            var (_, rolled) = await Queries().AggregateAsync(tag, T0, T0 + (3 * Hour), bucket, source, CancellationToken.None);
            Assert.That(rolled, Has.Count.EqualTo(raw.Count));
            for (var i = 0; i < raw.Count; i++)
            {
                Assert.That(rolled[i].Count, Is.EqualTo(raw[i].Count), $"{source} bucket {i}");
                Assert.That(rolled[i].Avg, Is.EqualTo(raw[i].Avg).Within(1e-9), $"{source} bucket {i}");
                Assert.That((rolled[i].Min, rolled[i].Max, rolled[i].First, rolled[i].Last), Is.EqualTo((raw[i].Min, raw[i].Max, raw[i].First, raw[i].Last)), $"{source} bucket {i}");
                Assert.That(rolled[i].TimeWeightedAvg, Is.EqualTo(raw[i].TimeWeightedAvg).Within(1e-9), $"{source} bucket {i}");
            }
        }
    }

    [Test]
    public async Task Rollups_LateValueInARolledUpMinute_IsRolledUpAgain()
    {
        await Store.WriteAsync([Number(Spindle, T0 + 1000, 10), Number(Spindle, T0 + (5 * Minute), 20)], [], CancellationToken.None);
        await new RollupBuilder(Store).RollUpAsync(T0 + (10 * Minute), CancellationToken.None);

        await Store.WriteAsync([Number(Spindle, T0 + 2000, 100, historical: true)], [], CancellationToken.None);
        Assert.That(await Store.WatermarkAsync(Resolution.Minute, CancellationToken.None), Is.EqualTo(T0), "the late value moved the watermark back");
        await new RollupBuilder(Store).RollUpAsync(T0 + (10 * Minute), CancellationToken.None);

        var minute = (await Store.SegmentsAsync(await Tag(Spindle), Resolution.Minute, T0, T0 + Minute, CancellationToken.None)).Single();
        Assert.That((minute.Count, minute.Max), Is.EqualTo((2L, 100.0)));
    }

    [Test]
    public async Task Retention_OldRawValues_AreDeletedWhileRollupsStillAnswer()
    {
        var points = Enumerable.Range(0, 48 * 6).Select(i => Number(Spindle, T0 + (i * 10 * Minute), i)).ToList();
        await Store.WriteAsync(points, [Event(9, "acme/s1", "old", T0)], CancellationToken.None);
        await new RollupBuilder(Store).RollUpAsync(T0 + (48 * Hour), CancellationToken.None);

        var options = new HistorianOptions { RawRetentionDays = 1, EventRetentionDays = 1 };
        var now = T0 + (49 * Hour);
        var report = await Store.ApplyRetentionAsync(await MaintenanceService.CutoffsAsync(Store, options, now, CancellationToken.None), CancellationToken.None);

        var tag = await Tag(Spindle);
        var cutoff = now - (24 * Hour);
        var kept = await Store.RawAsync(tag, T0, now, 10_000, CancellationToken.None);
        Assert.That(kept, Is.Not.Empty);
        Assert.That(kept.Min(p => p.Ts), Is.GreaterThanOrEqualTo(cutoff - (24 * Hour)), "at most a day (one partition) older than the cutoff is kept");
        Assert.That(kept, Has.Count.LessThan(points.Count));
        Assert.That(kept.Select(p => p.Ts), Is.EquivalentTo(points.Where(p => p.Ts >= kept.Min(k => k.Ts)).Select(p => p.Ts)), "only the oldest values went");
        AssertRetention(report, T0);
        Assert.That(await Store.EventsAsync(null, null, T0, now, 10, CancellationToken.None), Is.Empty);

        var (source, hours) = await Queries().AggregateAsync(tag, T0, T0 + (48 * Hour), Hour, null, CancellationToken.None);
        Assert.That(source, Is.EqualTo(Resolution.Minute), "a two-day range reads the minute rollups");
        Assert.That(hours[0].Count, Is.EqualTo(6), "the first hour still answers from its rollup");
        Assert.That(hours[0].Avg, Is.EqualTo(2.5));
    }

    [Test]
    public async Task Events_ByTypeAndPath_ReturnOnlyWhatMatches()
    {
        await Store.WriteAsync([], [
            Event(1, "acme/s1/a1/l1/m1", "jam", T0),
            Event(2, "acme/s1/a1/l1/m2", "jam", T0 + 1),
            Event(3, "acme/s1/a1/l10/m1", "jam", T0 + 2),
            Event(4, "acme/s1/a1/l1", "downtime", T0 + 3),
        ], CancellationToken.None);

        var jamsOnLine1 = await Store.EventsAsync("jam", "acme/s1/a1/l1", T0, T0 + Hour, 10, CancellationToken.None);
        Assert.That(jamsOnLine1.Select(e => e.Id), Is.EqualTo(new long[] { 1, 2 }));
        Assert.That((await Store.EventsAsync(null, "acme/s1/a1/l1", T0, T0 + Hour, 10, CancellationToken.None)).Select(e => e.Id), Is.EqualTo(new long[] { 1, 2, 4 }));
        Assert.That((await Store.EventsAsync(null, null, T0 + 1, T0 + 3, 10, CancellationToken.None)).Select(e => e.Id), Is.EqualTo(new long[] { 2, 3 }));
        Assert.That(System.Text.Json.JsonDocument.Parse(jamsOnLine1[0].Json).RootElement.GetProperty("message").GetString(), Is.EqualTo("event 1"));
    }

    [Test]
    public async Task Deadband_AndHeartbeat_StoreOnlyChangesAndTheBeat()
    {
        var filter = new DeadbandFilter(new HistorianOptions { Deadbands = [new DeadbandRule { Filter = "uns/v1/+/+/+/+/+/_tag/#", Deadband = 0.1, HeartbeatSeconds = 60 }] });
        double[] values = [10, 10.05, 10.2, 10.25, 10.2, 10.2, 9.0];
        long[] seconds = [0, 1, 2, 3, 4, 65, 66];
        var incoming = values.Select((v, i) => Number(Spindle, T0 + (seconds[i] * 1000), v)).ToList();
        await Store.WriteAsync([.. incoming.Where(filter.Keep)], [], CancellationToken.None);

        var stored = await Store.RawAsync(await Tag(Spindle), T0, T0 + Hour, 100, CancellationToken.None);
        Assert.That(stored.Select(p => (p.Ts - T0) / 1000), Is.EqualTo(new long[] { 0, 2, 65, 66 }), "first, past the deadband, heartbeat, past the deadband");
    }

    [Test]
    public async Task Write_FailedBatchThatCreatedATag_LaterValuesStayWithTheirOwnTags()
    {
        const string Feed = "uns/v1/acme/s1/a1/l1/m1/_tag/feed_rate";
        var unstorable = new HistoryEvent(9, "acme/s1/a1/l1/m1", "jam", T0, T0 + 1, false, null!);
        Assert.CatchAsync(() => Store.WriteAsync([Number(Spindle, T0, 1)], [unstorable], CancellationToken.None));

        // The failed batch's new tag was rolled back; a store that kept its id would file these values under one tag.
        await Store.WriteAsync([Number(Spindle, T0 + 1000, 2)], [], CancellationToken.None);
        await Store.WriteAsync([Number(Feed, T0 + 2000, 3)], [], CancellationToken.None);

        var tags = await Store.TagsAsync(CancellationToken.None);
        Assert.That(tags.Select(t => t.Name), Is.EquivalentTo(new[] { Spindle, Feed }));
        Assert.That(tags.Select(t => t.Id).Distinct().Count(), Is.EqualTo(2));
        Assert.That((await Store.RawAsync(await Tag(Spindle), T0, T0 + Hour, 10, CancellationToken.None)).Select(p => p.Number), Is.EqualTo(new[] { 2.0 }));
        Assert.That((await Store.RawAsync(await Tag(Feed), T0, T0 + Hour, 10, CancellationToken.None)).Select(p => p.Number), Is.EqualTo(new[] { 3.0 }));
    }

    [Test]
    public async Task SparkplugBirths_LatestPerOwner_AndANewNodeBirthForgetsItsDevices()
    {
        static SparkplugBirth Birth(string edge, string device, byte marker) =>
            new("G", edge, device, device.Length == 0 ? $"spBv1.0/G/NBIRTH/{edge}" : $"spBv1.0/G/DBIRTH/{edge}/{device}", [marker, 0xFF], T0 + marker);

        await Store.SaveSparkplugBirthAsync(Birth("e1", "", 1), CancellationToken.None);
        await Store.SaveSparkplugBirthAsync(Birth("e1", "saw", 2), CancellationToken.None);
        await Store.SaveSparkplugBirthAsync(Birth("e1", "saw", 3), CancellationToken.None);
        await Store.SaveSparkplugBirthAsync(Birth("e2", "", 4), CancellationToken.None);
        await Store.SaveSparkplugBirthAsync(Birth("e2", "press", 5), CancellationToken.None);
        await Store.SaveSparkplugBirthAsync(Birth("e2", "", 6), CancellationToken.None);

        var kept = await Store.SparkplugBirthsAsync(CancellationToken.None);
        Assert.That(kept.Select(b => (b.EdgeNode, b.Device, b.Payload[0], b.ReceivedTs - T0)), Is.EqualTo(new[]
        {
            ("e1", "", (byte)1, 1L), ("e1", "saw", (byte)3, 3L), ("e2", "", (byte)6, 6L),
        }), "node births first; the latest device birth; e2's new session dropped its old device birth");
        Assert.That(kept[1].Topic, Is.EqualTo("spBv1.0/G/DBIRTH/e1/saw"));
    }

    [Test]
    public async Task Storage_AfterWrites_ReportsDiskUseAndTags()
    {
        await Store.WriteAsync([Number(Spindle, T0, 1), Number(Spindle, T0 + (25 * Hour), 2)], [], CancellationToken.None);
        var report = await Store.StorageAsync(CancellationToken.None);
        Assert.That(report.Bytes, Is.GreaterThan(0));
        Assert.That(report.Tags, Is.EqualTo(1));
        AssertPartitions(report.Partitions);
    }

    /// <summary>What a store reports after deleting the raw values of the day of <paramref name="firstValue"/> and one event.</summary>
    protected abstract void AssertRetention(RetentionReport report, long firstValue);

    /// <summary>The partitions a store reports after values on two days were written.</summary>
    protected abstract void AssertPartitions(IReadOnlyList<string> partitions);

    private HistoryQueries Queries() => new(Store, Options.Create(new HistorianOptions()), TimeProvider.System);

    private async Task<TagInfo> Tag(string name) => (await Store.TagsAsync(CancellationToken.None)).Single(t => t.Name == name);

    private static HistoryPoint Number(string tag, long ts, double value, Quality quality = Quality.Good, bool historical = false) =>
        new(tag, ts, ts + 3, TagKind.Number, value, null, quality, historical, "%");

    private static HistoryEvent Event(long id, string path, string type, long ts) =>
        new(id, path, type, ts, ts + 1, false, $$"""{"v":1,"ts":{{ts}},"severity":"info","message":"event {{id}}"}""");
}

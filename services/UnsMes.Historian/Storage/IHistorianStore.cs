using UnsMes.Historian.Model;

namespace UnsMes.Historian.Storage;

/// <summary>
/// The one port in front of the databases (SQLite embedded, PostgreSQL at scale). Writes are idempotent: a value is
/// identified by tag and source timestamp, an event by its id, so storing a batch twice (MQTT redelivery after a
/// crash) stores everything once. Ranges are [from, to) in epoch milliseconds.
/// </summary>
public interface IHistorianStore : IAsyncDisposable
{
    /// <summary>"sqlite" or "postgres".</summary>
    string Kind { get; }

    /// <summary>Creates or upgrades the schema (versioned migrations); safe to call on every start.</summary>
    Task InitializeAsync(CancellationToken cancellationToken);

    /// <summary>Every tag of the dimension table.</summary>
    Task<IReadOnlyList<TagInfo>> TagsAsync(CancellationToken cancellationToken);

    /// <summary>
    /// Keeps a Sparkplug B birth (the latest per edge node and per device); an edge node's birth (empty
    /// <see cref="SparkplugBirth.Device"/>) replaces the births of its devices, which its new session will repeat.
    /// </summary>
    Task SaveSparkplugBirthAsync(SparkplugBirth birth, CancellationToken cancellationToken);

    /// <summary>The kept births, edge nodes' before their devices'.</summary>
    Task<IReadOnlyList<SparkplugBirth>> SparkplugBirthsAsync(CancellationToken cancellationToken);

    /// <summary>Stores values and events in one transaction; new tags are added with the kind of their first value.
    /// Values that land before a rollup's watermark move the watermark back, so those buckets are computed again.</summary>
    Task WriteAsync(IReadOnlyList<HistoryPoint> points, IReadOnlyList<HistoryEvent> events, CancellationToken cancellationToken);

    /// <summary>Raw values of one tag, oldest first, at most <paramref name="limit"/>.</summary>
    Task<IReadOnlyList<HistoryPoint>> RawAsync(TagInfo tag, long from, long until, int limit, CancellationToken cancellationToken);

    /// <summary>How many raw values of a tag a range holds (to refuse an export that would be too large).</summary>
    Task<long> CountAsync(TagInfo tag, long from, long until, CancellationToken cancellationToken);

    /// <summary>The newest value of a tag, or null.</summary>
    Task<HistoryPoint?> LatestAsync(TagInfo tag, CancellationToken cancellationToken);

    /// <summary>A numeric tag's samples (raw) or rollup rows (minute, hour) in a range, oldest first, as segments.</summary>
    Task<IReadOnlyList<Segment>> SegmentsAsync(TagInfo tag, Resolution resolution, long from, long until, CancellationToken cancellationToken);

    /// <summary>Events, oldest first: of a type (or any), at a path or below it (or anywhere), in a range.</summary>
    Task<IReadOnlyList<HistoryEvent>> EventsAsync(string? type, string? path, long from, long until, int limit, CancellationToken cancellationToken);

    /// <summary>Up to where (exclusive) a rollup resolution is complete; null before the first rollup.</summary>
    Task<long?> WatermarkAsync(Resolution resolution, CancellationToken cancellationToken);

    /// <summary>Stores rollup rows of a resolution (replacing rows of the same tag and bucket) and moves its watermark
    /// from <paramref name="from"/> to <paramref name="watermark"/>, unless a late write moved it back meanwhile.</summary>
    Task WriteRollupsAsync(Resolution resolution, IReadOnlyList<RollupRow> rows, long from, long watermark, CancellationToken cancellationToken);

    /// <summary>Deletes what is older than the cutoffs (null: keep). PostgreSQL drops whole old partitions.</summary>
    Task<RetentionReport> ApplyRetentionAsync(RetentionCutoffs cutoffs, CancellationToken cancellationToken);

    /// <summary>Disk use and what is stored.</summary>
    Task<StorageReport> StorageAsync(CancellationToken cancellationToken);
}

/// <summary>Delete raw values, rollups and events older than these (epoch ms; null keeps them).</summary>
public sealed record RetentionCutoffs(long? Raw, long? Minute, long? Hour, long? Events);

public sealed record RetentionReport(long RowsDeleted, IReadOnlyList<string> PartitionsDropped);

public sealed record StorageReport(string Store, long Bytes, int Tags, IReadOnlyDictionary<string, long> BytesByPart, IReadOnlyList<string> Partitions);

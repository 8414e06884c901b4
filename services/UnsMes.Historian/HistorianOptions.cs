using System.ComponentModel.DataAnnotations;
using Microsoft.Extensions.Options;
using UnsMes.Historian.Ingest.Sparkplug;
using UnsMes.Uns.Topics;

namespace UnsMes.Historian;

/// <summary>The historian's settings, bound from the <c>Historian</c> section and validated at start.</summary>
public sealed class HistorianOptions
{
    public const string SectionName = "Historian";

    /// <summary>SQLite (a file, the embedded default) or PostgreSQL (at scale). Switching is this one value.</summary>
    public HistorianStoreKind Store { get; set; } = HistorianStoreKind.Sqlite;

    [Required]
    public string SqlitePath { get; set; } = "data/historian/history.db";

    [Required]
    public string PostgresConnectionString { get; set; } = "Host=127.0.0.1;Port=5432;Username=historian;Database=historian";

    /// <summary>What is recorded. Empty means <see cref="DefaultFilters"/>: the time series and events of the namespace.</summary>
    public List<string> Filters { get; set; } = [];

    /// <summary>Values written together in one transaction at most.</summary>
    [Range(1, 1_000_000)]
    public int BatchSize { get; set; } = 10_000;

    /// <summary>A batch is written at the latest this long after its first value arrived.</summary>
    [Range(1, 60_000)]
    public int BatchMaxDelayMs { get; set; } = 200;

    /// <summary>
    /// A batch is also written once no message arrived for this long. A pause means the plant is quiet or the broker
    /// waits for acknowledgements before it sends more (it keeps at most <c>Broker:MaxInFlightPerClient</c> messages
    /// unacknowledged per client); waiting out <see cref="BatchMaxDelayMs"/> then would only hold the ingest up.
    /// </summary>
    [Range(1, 60_000)]
    public int BatchIdleMs { get; set; } = 10;

    /// <summary>Messages held in memory between the broker and the store; when full, reading from the broker pauses
    /// (the broker's persistent session keeps the rest). Each one is unacknowledged until its batch is committed, and
    /// MQTT numbers a connection's unacknowledged messages with 16 bits: past 65,535 the broker would reuse numbers
    /// still in use, so an acknowledgement could settle the wrong message.</summary>
    [Range(100, 60_000)]
    public int BufferMessages { get; set; } = 50_000;

    /// <summary>Connections to the broker that share the ingest (one MQTT 5 shared subscription group,
    /// <c>$share/historian/...</c>, so each message goes to one of them); 1 subscribes to the filters as they are.
    /// Changing it leaves the subscriptions of an existing persistent session in place: start with
    /// <c>Uns:CleanStart</c> once after changing it.</summary>
    [Range(1, 16)]
    public int IngestConnections { get; set; } = 1;

    /// <summary>Deadband of numeric tags without a rule: a value within this of the last stored one is skipped
    /// (0: only changes are stored; negative: every value is stored).</summary>
    public double DefaultDeadband { get; set; }

    /// <summary>An unchanged value is stored again after this long, so a flat line still shows it is alive.</summary>
    [Range(0, 86_400)]
    public int DefaultHeartbeatSeconds { get; set; } = 300;

    /// <summary>Per-tag deadband and heartbeat, by MQTT topic filter; the first rule that matches wins.</summary>
    public List<DeadbandRule> Deadbands { get; set; } = [];

    /// <summary>String values longer than this are dead-lettered (the contract allows up to 4096).</summary>
    [Range(1, 1_000_000)]
    public int MaxStringLength { get; set; } = 1024;

    /// <summary>Raw values older than this are deleted (once rolled up); 0 keeps them forever.</summary>
    [Range(0, 36_500)]
    public double RawRetentionDays { get; set; } = 30;

    [Range(0, 36_500)]
    public double MinuteRollupRetentionDays { get; set; } = 365;

    [Range(0, 36_500)]
    public double HourRollupRetentionDays { get; set; }

    [Range(0, 36_500)]
    public double EventRetentionDays { get; set; } = 365;

    /// <summary>How often rollups are brought up to date and retention applied.</summary>
    [Range(1, 86_400)]
    public int MaintenanceIntervalSeconds { get; set; } = 60;

    /// <summary>A minute is rolled up this long after it ended (late values within it land in raw first).</summary>
    [Range(0, 3600)]
    public int RollupSettleSeconds { get; set; } = 10;

    /// <summary>Aggregate queries over ranges longer than this read minute rollups (when buckets are whole minutes).</summary>
    [Range(0, 10_000)]
    public double MinuteRollupAboveHours { get; set; } = 6;

    /// <summary>... and hour rollups above this (when buckets are whole hours).</summary>
    [Range(0, 100_000)]
    public double HourRollupAboveHours { get; set; } = 7 * 24;

    /// <summary>Most raw values one request may ask for (a page); page on with <c>nextFrom</c>.</summary>
    [Range(1, 10_000_000)]
    public int MaxRawLimit { get; set; } = 100_000;

    [Range(1, 10_000_000)]
    public int MaxBuckets { get; set; } = 20_000;

    /// <summary>Most rows one export may hold.</summary>
    [Range(1, 100_000_000)]
    public int MaxExportRows { get; set; } = 5_000_000;

    /// <summary>Sparkplug B births and data recorded beside the namespace (see docs/historian.md).</summary>
    [ValidateObjectMembers]
    public SparkplugIngestOptions Sparkplug { get; set; } = new();

    /// <summary>The filters used when none are configured: state, counts, process values, events, downtime episodes,
    /// OEE figures and the work-order events (operation completions, consumption, labor, completions).</summary>
    public static IReadOnlyList<string> DefaultFilters { get; } =
    [
        .. new[]
        {
            UnsContract.State, UnsContract.Count, UnsContract.Tag, UnsContract.Event, UnsContract.Downtime, UnsContract.Oee,
            UnsContract.OperationCompletion, UnsContract.Consumption, UnsContract.Labor, UnsContract.Completion,
        }.SelectMany(c => UnsFilters.Family(c)),
    ];

    public IReadOnlyList<string> EffectiveFilters() => Filters.Count > 0 ? Filters : DefaultFilters;
}

public sealed class DeadbandRule
{
    /// <summary>An MQTT filter over the tag names (topics), e.g. <c>uns/v1/acme/+/+/+/+/_tag/spindle_load</c>.</summary>
    [Required]
    public string Filter { get; set; } = "#";

    public double Deadband { get; set; }

    [Range(0, 86_400)]
    public int HeartbeatSeconds { get; set; } = 300;
}

public enum HistorianStoreKind
{
    Sqlite,
    Postgres,
}

using System.Diagnostics.Metrics;
using UnsMes.ServiceDefaults.Telemetry;

namespace UnsMes.Historian.Ingest;

/// <summary>What the ingest has done so far; shown by the status endpoint and exported as metrics.</summary>
public sealed class IngestStatus
{
    private static readonly Meter Meter = new(UnsTelemetry.Prefix + "Historian");
    private static readonly Counter<long> StoredPoints = Meter.CreateCounter<long>("historian.points.stored", "{point}");
    private static readonly Counter<long> SkippedPoints = Meter.CreateCounter<long>("historian.points.skipped", "{point}", "within deadband and heartbeat");
    private static readonly Counter<long> StoredEvents = Meter.CreateCounter<long>("historian.events.stored", "{event}");
    private static readonly Counter<long> DeadLetters = Meter.CreateCounter<long>("historian.deadletters", "{message}");
    private static readonly Counter<long> SeqGaps = Meter.CreateCounter<long>("historian.sparkplug.seq_gaps", "{message}", "Sparkplug messages whose seq did not follow the last one of their edge node");
    private static readonly Counter<long> Rebirths = Meter.CreateCounter<long>("historian.sparkplug.rebirths", "{request}", "rebirths requested from Sparkplug edge nodes");

    private long _points;
    private long _skipped;
    private long _events;
    private long _deadLetters;
    private long _batches;
    private long _messages;
    private long _seqGaps;
    private long _rebirths;

    public long Points => Interlocked.Read(ref _points);
    public long Skipped => Interlocked.Read(ref _skipped);
    public long Events => Interlocked.Read(ref _events);
    public long DeadLettered => Interlocked.Read(ref _deadLetters);
    public long Batches => Interlocked.Read(ref _batches);

    /// <summary>Messages acknowledged to the broker (stored, skipped or dead-lettered).</summary>
    public long Messages => Interlocked.Read(ref _messages);

    /// <summary>Sparkplug messages whose seq did not follow the last one of their edge node (recorded anyway).</summary>
    public long SparkplugSeqGaps => Interlocked.Read(ref _seqGaps);

    /// <summary>Rebirths requested from Sparkplug edge nodes whose data arrived without a known birth.</summary>
    public long SparkplugRebirths => Interlocked.Read(ref _rebirths);

    /// <summary>Messages received and not yet acknowledged.</summary>
    public long Pending { get; internal set; }

    /// <summary>True once the store's schema is in place (queries before that answer 503).</summary>
    public bool StoreReady { get; internal set; }

    /// <summary>Set while the store cannot be written to.</summary>
    public string? StoreError { get; internal set; }

    internal void Stored(int points, int events, int messages)
    {
        Interlocked.Add(ref _points, points);
        Interlocked.Add(ref _events, events);
        Interlocked.Add(ref _messages, messages);
        Interlocked.Increment(ref _batches);
        StoredPoints.Add(points);
        StoredEvents.Add(events);
    }

    internal void Skip(int points)
    {
        Interlocked.Add(ref _skipped, points);
        SkippedPoints.Add(points);
    }

    internal void CountDeadLetter()
    {
        Interlocked.Increment(ref _deadLetters);
        DeadLetters.Add(1);
    }

    internal void CountSparkplugSeqGap()
    {
        Interlocked.Increment(ref _seqGaps);
        SeqGaps.Add(1);
    }

    internal void CountSparkplugRebirth()
    {
        Interlocked.Increment(ref _rebirths);
        Rebirths.Add(1);
    }
}

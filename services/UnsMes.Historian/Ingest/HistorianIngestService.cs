using System.Threading.Channels;
using Microsoft.Extensions.Options;
using UnsMes.Historian.Model;
using UnsMes.Historian.Storage;
using UnsMes.ServiceDefaults.Uns;
using UnsMes.Uns.Payloads;
using UnsMes.Uns.Topics;

namespace UnsMes.Historian.Ingest;

/// <summary>
/// Records the namespace: messages arrive on a persistent QoS 1 session and are acknowledged only after the batch
/// holding them is committed, so a crash or a database outage loses nothing (the broker keeps and redelivers what was
/// not acknowledged; the store ignores what it already has). Batches close by count or by time. What cannot be
/// stored is dead-lettered with the reason and acknowledged. With several ingest connections (one shared subscription
/// group) their handlers run at the same time; the topic cache and the deadband are shared under one lock.
/// </summary>
internal sealed partial class HistorianIngestService(
    [FromKeyedServices(HistorianRegistration.ClientName)] UnsClient client,
    IHistorianStore store,
    IngestStatus status,
    IOptions<HistorianOptions> options,
    TimeProvider time,
    ILogger<HistorianIngestService> logger,
    IngestConnections connections) : BackgroundService
{
    private static readonly UnsTopic DeadLetters = UnsTopic.DeadLetter("historian");

    // While a batch is open and the buffer is empty, the batch loop looks again this much later instead of waking for
    // every message: at high rates each look takes hundreds of messages, at low rates it costs a few wake-ups.
    private static readonly TimeSpan BatchPollInterval = TimeSpan.FromMilliseconds(2);

    private readonly HistorianOptions _options = options.Value;
    private readonly DeadbandFilter _deadband = new(options.Value);

    // Topics repeat (one per tag): parsing each once saves most of the per-message topic work. Used by the message
    // handlers under _handlerLock (each client calls its handler one message at a time).
    private readonly Dictionary<string, UnsTopic> _topics = new(StringComparer.Ordinal);
    private readonly Lock _handlerLock = new();
    private readonly Channel<IngestItem> _buffer = Channel.CreateBounded<IngestItem>(
        new BoundedChannelOptions(options.Value.BufferMessages) { SingleReader = true, SingleWriter = options.Value.IngestConnections == 1, FullMode = BoundedChannelFullMode.Wait });

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        await StoreRetry.RunAsync(store, status, logger, time, ct => store.InitializeAsync(ct), stoppingToken);
        status.StoreReady = true;
        var tags = await StoreRetry.RunAsync(store, status, logger, time, ct => store.TagsAsync(ct), stoppingToken);
        foreach (var tag in tags)
        {
            _deadband.Know(tag);
        }

        var filters = connections.Filters(_options.EffectiveFilters());
        var filterList = string.Join(", ", filters);
        HistorianLog.Started(logger, store.Kind, tags.Count, filterList);
        await SubscribeSparkplugAsync(client, status, time, logger, stoppingToken);
        foreach (var ingest in connections.Clients)
        {
            foreach (var filter in filters)
            {
                await ingest.SubscribeAsync(filter, UnsQos.AtLeastOnce, OnMessageAsync, stoppingToken);
            }
        }

        await WriteLoopAsync(stoppingToken);
    }

    private async Task OnMessageAsync(UnsMessage message, CancellationToken cancellationToken)
    {
        var ack = message.DeferAcknowledgement();
        var received = time.GetUtcNow().ToUnixTimeMilliseconds();
        IngestItem item;
        try
        {
            UnsTopic topic;
            lock (_handlerLock)
            {
                topic = Topic(message.Topic);
            }

            var decoded = MessageDecoder.Decode(topic, message.Topic, message.Payload, received, _options.MaxStringLength);
            var oldest = _options.RawRetentionDays > 0 ? received - (long)(_options.RawRetentionDays * 86_400_000) : long.MinValue;
            var points = decoded.Points;
            for (var i = 0; i < points.Count; i++)
            {
                if (points[i].Ts < oldest)
                {
                    throw new RejectedMessageException($"$.ts: older than the raw retention ({_options.RawRetentionDays} days)");
                }
            }

            // Most messages keep every value: their list is passed on as it is, without a copy.
            List<HistoryPoint>? kept = null;
            lock (_handlerLock)
            {
                for (var i = 0; i < points.Count; i++)
                {
                    if (_deadband.Keep(points[i]))
                    {
                        kept?.Add(points[i]);
                    }
                    else
                    {
                        kept ??= [.. points.Take(i)];
                    }
                }
            }

            if (kept is not null)
            {
                status.Skip(points.Count - kept.Count);
            }

            item = new IngestItem(kept ?? points, decoded.Event, ack);
        }
        catch (RejectedMessageException ex)
        {
            HistorianLog.Refused(logger, message.Topic, ex.Message);
            status.CountDeadLetter();
            await client.PublishAsync(DeadLetters, DeadLetterPayload.For(received, ex.Message, message.Topic, message.Payload), cancellationToken);
            item = new IngestItem([], null, ack);
        }

        await _buffer.Writer.WriteAsync(item, cancellationToken);
    }

    private UnsTopic Topic(string text)
    {
        if (_topics.TryGetValue(text, out var topic))
        {
            return topic;
        }

        if (!UnsTopic.TryParse(text, out topic, out var problem))
        {
            throw new RejectedMessageException(problem);
        }

        if (_topics.Count >= 100_000)
        {
            _topics.Clear();
        }

        _topics[text] = topic;
        return topic;
    }

    private async Task WriteLoopAsync(CancellationToken stoppingToken)
    {
        // Committed batches are acknowledged by a second loop, in order, while the next batch is being written.
        var committed = Channel.CreateBounded<IngestItem[]>(new BoundedChannelOptions(4) { SingleReader = true, SingleWriter = true });
        var acknowledging = AcknowledgeLoopAsync(committed.Reader, stoppingToken);
        try
        {
            await BatchLoopAsync(committed.Writer, stoppingToken);
        }
        finally
        {
            committed.Writer.TryComplete();
            await acknowledging.ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
        }
    }

    private async Task BatchLoopAsync(ChannelWriter<IngestItem[]> committed, CancellationToken stoppingToken)
    {
        var batch = new List<IngestItem>();
        var points = new List<HistoryPoint>();
        var events = new List<HistoryEvent>();
        var reader = _buffer.Reader;
        var maxDelay = TimeSpan.FromMilliseconds(_options.BatchMaxDelayMs);
        var idleGap = TimeSpan.FromMilliseconds(_options.BatchIdleMs);
        static TimeSpan Min(TimeSpan a, TimeSpan b) => a < b ? a : b;
        void Add(IngestItem item)
        {
            batch.Add(item);
            points.AddRange(item.Points);
            if (item.Event is not null)
            {
                events.Add(item.Event);
            }
        }

        while (!stoppingToken.IsCancellationRequested)
        {
            // A batch closes when it holds BatchSize values, BatchMaxDelayMs after its first message, or once no message
            // came for BatchIdleMs; a message is never split between batches.
            Add(await reader.ReadAsync(stoppingToken));
            var started = time.GetTimestamp();
            var lastArrival = started;
            while (points.Count < _options.BatchSize)
            {
                if (reader.TryRead(out var next))
                {
                    Add(next);
                    lastArrival = time.GetTimestamp();
                    continue;
                }

                var left = Min(maxDelay - time.GetElapsedTime(started), idleGap - time.GetElapsedTime(lastArrival));
                if (left <= TimeSpan.Zero)
                {
                    break;
                }

                await Task.Delay(Min(left, BatchPollInterval), time, stoppingToken);
            }

            status.Pending = reader.Count + batch.Count;
            await StoreRetry.RunAsync(store, status, logger, time, async ct =>
            {
                await store.WriteAsync(points, events, ct);
                return true;
            }, stoppingToken);
            await committed.WriteAsync([.. batch], stoppingToken);
            status.Stored(points.Count, events.Count, batch.Count);
            batch.Clear();
            points.Clear();
            events.Clear();
        }
    }

    private static async Task AcknowledgeLoopAsync(ChannelReader<IngestItem[]> committed, CancellationToken stoppingToken)
    {
        await foreach (var batch in committed.ReadAllAsync(stoppingToken))
        {
            foreach (var item in batch)
            {
                await item.Ack.AcknowledgeAsync(stoppingToken);
            }
        }
    }

    private sealed record IngestItem(IReadOnlyList<HistoryPoint> Points, HistoryEvent? Event, UnsAcknowledgement Ack);
}

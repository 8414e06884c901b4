using System.Buffers;
using System.Text.Json;
using Microsoft.Extensions.Options;
using UnsMes.ServiceDefaults.State;
using UnsMes.ServiceDefaults.Uns;
using UnsMes.Uns.Payloads;
using UnsMes.Uns.Topics;
using UnsMes.Wip.Domain;
using UnsMes.Wip.Genealogy;
using UnsMes.Wip.State;

namespace UnsMes.Wip.Streaming;

/// <summary>
/// Feeds work orders, machine states and counts, operator commands and material events from the namespace into the
/// tracker, and publishes what follows: dispatch queues, WIP per operation, progress, write-back records and events.
/// Genealogy is stored before the snapshot that includes it is saved, so a kill between the two replays into
/// idempotent inserts. One bad message is dead-lettered with its reason and never stops the stream.
/// </summary>
internal sealed class WipStreamingService(
    [FromKeyedServices(WipRegistration.ClientName)] UnsClient client,
    WipEngine engine,
    IGenealogyStore genealogy,
    [FromKeyedServices(WipRegistration.ClientName)] ISnapshotStore snapshots,
    IOptions<WipOptions> options,
    TimeProvider time,
    ILogger<WipStreamingService> logger) : BackgroundService
{
    private static readonly UnsTopic DeadLetters = UnsTopic.DeadLetter("wip");
    private readonly Dictionary<string, string> _lastPublished = new(StringComparer.Ordinal);
    private readonly HashSet<string> _pendingLines = new(StringComparer.Ordinal);
    private readonly HashSet<string> _pendingOrders = new(StringComparer.Ordinal);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (await snapshots.LoadAsync(stoppingToken) is { } saved)
        {
            var state = WipStateJson.Read(saved);
            engine.Apply(t => { t.Restore(state); return null; });
            WipLog.Started(logger, "the saved snapshot", state.Orders.Count);
        }

        await SubscribeAsync(UnsFilters.Family(UnsContract.WorkOrder), OnWorkOrderAsync, stoppingToken);
        await SubscribeAsync(UnsFilters.Family(UnsContract.State), OnStateAsync, stoppingToken);
        await SubscribeAsync([$"{UnsTopic.Root}/+/+/+/+/+/_count"], OnCountAsync, stoppingToken);
        await SubscribeAsync(UnsFilters.Family(UnsContract.Command), OnCommandAsync, stoppingToken);
        await SubscribeAsync([$"{UnsTopic.Root}/+/+/+/+/+/_event/materialConsumed"], OnMaterialConsumedAsync, stoppingToken);

        var interval = TimeSpan.FromMilliseconds(options.Value.PublishIntervalMs);
        var nextSnapshot = time.GetUtcNow().AddSeconds(options.Value.SnapshotIntervalSeconds);
        var nextFullRound = time.GetUtcNow();
        while (!stoppingToken.IsCancellationRequested)
        {
            await Task.Delay(interval, time, stoppingToken);
            var fullRound = time.GetUtcNow() >= nextFullRound;
            await PublishAsync(fullRound, stoppingToken);
            if (fullRound)
            {
                nextFullRound = time.GetUtcNow().AddSeconds(10); // Rates and ETAs move with the clock, not only with input.
            }

            if (time.GetUtcNow() >= nextSnapshot)
            {
                await SaveAsync();
                nextSnapshot = time.GetUtcNow().AddSeconds(options.Value.SnapshotIntervalSeconds);
            }
        }
    }

    public override async Task StopAsync(CancellationToken cancellationToken)
    {
        await base.StopAsync(cancellationToken);
        await SaveAsync();
    }

    /// <summary>
    /// Stores the genealogy produced so far, then the snapshot that includes it (and the outbox of messages not yet
    /// sent). Local writes that must finish however late the stop, so they take no cancellation.
    /// </summary>
    private async Task SaveAsync()
    {
        var outputs = engine.Read(t => t.TakeOutputs());
        genealogy.Append(outputs.Genealogy);
        Remember(outputs);
        await snapshots.SaveAsync(engine.Read(t => WipStateJson.Write(t.State)), CancellationToken.None);
    }

    private async Task SubscribeAsync(IEnumerable<string> filters, UnsMessageHandler handler, CancellationToken cancellationToken)
    {
        foreach (var filter in filters)
        {
            await client.SubscribeAsync(filter, UnsQos.AtLeastOnce, handler, cancellationToken);
        }
    }

    private Task OnWorkOrderAsync(UnsMessage message, CancellationToken cancellationToken)
    {
        var topic = UnsTopic.Parse(message.Topic);
        if (message.Payload.IsEmpty)
        {
            engine.Apply(t => t.OnWorkOrder(topic.Name, null, UnsTime.Now(time)));
            return Task.CompletedTask;
        }

        return Handle(message, (t, _, bytes) => t.OnWorkOrder(topic.Name, UnsJson.Deserialize<WorkOrderPayload>(bytes), UnsTime.Now(time)), cancellationToken);
    }

    private Task OnStateAsync(UnsMessage message, CancellationToken cancellationToken) =>
        Handle(message, (t, topic, bytes) =>
        {
            t.OnState(topic.Path, UnsJson.Deserialize<MachineStatePayload>(bytes));
            return null;
        }, cancellationToken);

    private Task OnCountAsync(UnsMessage message, CancellationToken cancellationToken) =>
        Handle(message, (t, topic, bytes) => t.OnCount(topic.Path, UnsJson.Deserialize<ProductionCountPayload>(bytes)), cancellationToken);

    private Task OnMaterialConsumedAsync(UnsMessage message, CancellationToken cancellationToken) =>
        Handle(message, (t, topic, bytes) =>
        {
            var e = UnsJson.Deserialize<UnsEventPayload>(bytes);
            return t.OnMaterialConsumed(topic.Path, e.Attributes ?? new Dictionary<string, string>(), e.Ts);
        }, cancellationToken);

    private Task OnCommandAsync(UnsMessage message, CancellationToken cancellationToken)
    {
        var name = UnsTopic.Parse(message.Topic).Name;
        return WipCommands.Handles(name)
            ? Handle(message, (t, topic, bytes) => WipCommands.Apply(t, topic, UnsJson.Deserialize<CommandPayload>(bytes)), cancellationToken)
            : Task.CompletedTask; // Commands for other services (forceStop, classifyDowntime, ...).
    }

    /// <summary>Parses and applies one message; anything the tracker or the parser refuses goes to the dead-letter topic.</summary>
    private async Task Handle(UnsMessage message, Func<WipTracker, UnsTopic, byte[], string?> apply, CancellationToken cancellationToken)
    {
        if (message.Payload.IsEmpty)
        {
            return;
        }

        string? problem;
        try
        {
            var topic = UnsTopic.Parse(message.Topic);
            var bytes = message.Payload.ToArray();
            problem = engine.Apply(t => apply(t, topic, bytes));
        }
        catch (Exception ex) when (ex is JsonException or FormatException or ArgumentException)
        {
            problem = ex.Message;
        }

        if (problem is not null)
        {
            WipLog.Refused(logger, message.Topic, problem);
            await client.PublishAsync(DeadLetters, DeadLetterPayload.For(UnsTime.Now(time), problem, message.Topic, message.Payload), cancellationToken);
        }
    }

    private async Task PublishAsync(bool fullRound, CancellationToken cancellationToken)
    {
        var outputs = engine.Read(t => t.TakeOutputs());
        genealogy.Append(outputs.Genealogy);
        Remember(outputs);
        await SendOutboxAsync(cancellationToken);

        var now = engine.Now();
        var retained = engine.Read(t => WipFigures.Build(t, fullRound ? null : _pendingLines, fullRound ? null : _pendingOrders, now));
        _pendingLines.Clear();
        _pendingOrders.Clear();
        foreach (var figure in retained)
        {
            var fingerprint = figure.Fingerprint;
            if (_lastPublished.TryGetValue(figure.Topic, out var last) && last == fingerprint)
            {
                continue;
            }

            await client.PublishAsync(figure.Topic, figure.Payload, cancellationToken);
            _lastPublished[figure.Topic] = fingerprint;
            if (figure.Topic.Contract == UnsContract.Dispatch)
            {
                var line = figure.Topic.Path.ToString();
                WipLog.Dispatched(logger, line, fingerprint);
                engine.Apply(t => { t.MarkDispatched(line, now); return null; });
            }
        }
    }

    private void Remember(WipOutputs outputs)
    {
        _pendingLines.UnionWith(outputs.TouchedLines);
        _pendingOrders.UnionWith(outputs.TouchedOrders);
    }

    /// <summary>Sends the outbox oldest first; each message leaves it only once the broker has taken it.</summary>
    private async Task SendOutboxAsync(CancellationToken cancellationToken)
    {
        while (engine.Read(t => t.PeekOutbox(64)) is { Count: > 0 } batch)
        {
            foreach (var entry in batch)
            {
                await client.PublishJsonAsync(UnsTopic.Parse(entry.Topic), System.Text.Encoding.UTF8.GetBytes(entry.Payload), cancellationToken);
                engine.Apply(t => { t.Acknowledge(1); return null; });
            }
        }
    }
}

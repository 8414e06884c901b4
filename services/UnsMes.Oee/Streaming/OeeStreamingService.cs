using System.Buffers;
using System.Text.Json;
using Microsoft.Extensions.Options;
using UnsMes.Oee.Domain;
using UnsMes.Oee.State;
using UnsMes.ServiceDefaults.Uns;
using UnsMes.Uns.Payloads;
using UnsMes.Uns.Topics;

namespace UnsMes.Oee.Streaming;

/// <summary>
/// Feeds machine states, counts, work orders and downtime classifications from the namespace into the calculator,
/// and publishes what changed: retained OEE per scope and window, downtime episodes, closed windows. One bad
/// message is dead-lettered with its reason and never stops the stream.
/// </summary>
internal sealed class OeeStreamingService(
    [FromKeyedServices(OeeRegistration.ClientName)] UnsClient client,
    OeeEngine engine,
    IOeeStateStore state,
    IOptions<OeeOptions> options,
    TimeProvider time,
    ILogger<OeeStreamingService> logger) : BackgroundService
{
    private static readonly UnsTopic DeadLetters = UnsTopic.DeadLetter("oee");

    private static readonly TimeSpan QuietAfter = TimeSpan.FromSeconds(30);
    private static readonly TimeSpan InputDebounce = TimeSpan.FromMilliseconds(10);

    private readonly SemaphoreSlim _inputArrived = new(0);

    private readonly Dictionary<string, string> _lastPublished = new(StringComparer.Ordinal);
    private long _lastInputAt = time.GetTimestamp();

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        // Continue where the last run stopped; what arrived since comes from the persistent MQTT session.
        if (await state.LoadAsync(stoppingToken) is { } snapshot)
        {
            engine.Restore(snapshot);
            OeeLog.Started(logger, snapshot.Machines.Count, "the saved snapshot");
        }

        await SubscribeAsync(UnsFilters.Family(UnsContract.State), OnStateAsync, stoppingToken);
        await SubscribeAsync([$"{UnsTopic.Root}/+/+/+/+/+/_count"], OnCountAsync, stoppingToken);
        await SubscribeAsync(UnsFilters.Family(UnsContract.WorkOrder), OnWorkOrderAsync, stoppingToken);
        await SubscribeAsync([$"{UnsTopic.Root}/+/+/+/+/+/_cmd/classifyDowntime"], OnClassifyAsync, stoppingToken);

        var interval = TimeSpan.FromMilliseconds(options.Value.PublishIntervalMs);
        var nextSnapshot = time.GetUtcNow().AddSeconds(options.Value.SnapshotIntervalSeconds);
        while (!stoppingToken.IsCancellationRequested)
        {
            // Between full rounds, figures touched by an input go out at once (after a short pause that gathers a
            // burst), so a state change reaches its OEE in tens of milliseconds rather than at the next round.
            var roundEnds = time.GetTimestamp();
            while (time.GetElapsedTime(roundEnds) < interval
                   && await _inputArrived.WaitAsync(interval - time.GetElapsedTime(roundEnds), stoppingToken))
            {
                await Task.Delay(InputDebounce, time, stoppingToken);
                while (_inputArrived.CurrentCount > 0)
                {
                    await _inputArrived.WaitAsync(stoppingToken);
                }

                await PublishNoticesAsync(stoppingToken);
                await PublishFiguresAsync(engine.TakeTouchedScopes(), stoppingToken);
            }

            // Windows close on event time while data flows (so a replay of the past is booked where it belongs); when the
            // plant has been quiet for a while, the wall clock moves them on, so a silent plant's shift still closes.
            if (time.GetElapsedTime(Interlocked.Read(ref _lastInputAt)) > QuietAfter)
            {
                engine.AdvanceTo(UnsTime.Now(time));
            }

            await PublishNoticesAsync(stoppingToken);
            await PublishFiguresAsync(only: null, stoppingToken);
            if (time.GetUtcNow() >= nextSnapshot)
            {
                await state.SaveAsync(engine.Snapshot(), stoppingToken);
                nextSnapshot = time.GetUtcNow().AddSeconds(options.Value.SnapshotIntervalSeconds);
            }
        }
    }

    public override void Dispose()
    {
        _inputArrived.Dispose();
        base.Dispose();
    }

    public override async Task StopAsync(CancellationToken cancellationToken)
    {
        await base.StopAsync(cancellationToken);
        await state.SaveAsync(engine.Snapshot(), CancellationToken.None); // A local write that must finish, however late the stop.
    }

    private async Task SubscribeAsync(IEnumerable<string> filters, UnsMessageHandler handler, CancellationToken cancellationToken)
    {
        foreach (var filter in filters)
        {
            await client.SubscribeAsync(filter, UnsQos.AtLeastOnce, handler, cancellationToken);
        }
    }

    private Task OnStateAsync(UnsMessage message, CancellationToken cancellationToken) =>
        Handle(message, (topic, bytes) => engine.OnState(topic.Path, UnsJson.Deserialize<MachineStatePayload>(bytes)), cancellationToken);

    private Task OnCountAsync(UnsMessage message, CancellationToken cancellationToken) =>
        Handle(message, (topic, bytes) => engine.OnCount(topic.Path, UnsJson.Deserialize<ProductionCountPayload>(bytes)), cancellationToken);

    private Task OnWorkOrderAsync(UnsMessage message, CancellationToken cancellationToken) =>
        Handle(message, (_, bytes) =>
        {
            engine.OnWorkOrder(UnsJson.Deserialize<WorkOrderPayload>(bytes));
            return null;
        }, cancellationToken);

    private Task OnClassifyAsync(UnsMessage message, CancellationToken cancellationToken) =>
        Handle(message, (topic, bytes) =>
        {
            var command = UnsJson.Deserialize<CommandPayload>(bytes);
            var arguments = command.Arguments ?? new Dictionary<string, string>();
            if (!arguments.TryGetValue("episodeId", out var episode) || !arguments.TryGetValue("reasonCode", out var reason))
            {
                return new OeeOutcome(new OeeRefusal(OeeRefusalReason.Invalid, "classifyDowntime needs the arguments episodeId and reasonCode"), []);
            }

            return engine.Classify(topic.Path, episode, reason, arguments.GetValueOrDefault("reasonText"));
        }, cancellationToken);

    /// <summary>Parses and applies one message; anything the calculator or the parser refuses goes to the dead-letter topic.</summary>
    private async Task Handle(UnsMessage message, Func<UnsTopic, byte[], OeeOutcome?> apply, CancellationToken cancellationToken)
    {
        if (message.Payload.IsEmpty)
        {
            return; // A cleared retained value carries nothing to count.
        }

        Interlocked.Exchange(ref _lastInputAt, time.GetTimestamp());
        string? problem;
        try
        {
            var outcome = apply(UnsTopic.Parse(message.Topic), message.Payload.ToArray());
            problem = outcome?.Refusal?.Message;
        }
        catch (Exception ex) when (ex is JsonException or FormatException or ArgumentException)
        {
            problem = ex.Message;
        }

        _inputArrived.Release();
        if (problem is not null)
        {
            OeeLog.Refused(logger, message.Topic, problem);
            await client.PublishAsync(DeadLetters, DeadLetterPayload.For(UnsTime.Now(time), problem, message.Topic, message.Payload), cancellationToken);
        }
    }

    private async Task PublishNoticesAsync(CancellationToken cancellationToken)
    {
        var now = UnsTime.Now(time);
        foreach (var notice in engine.TakeNotices())
        {
            switch (notice)
            {
                case DowntimeNotice downtime:
                    await client.PublishAsync(UnsTopic.Downtime(downtime.Episode.Cell), OeePayloads.From(downtime.Episode, now), cancellationToken);
                    break;
                case WindowClosedNotice closed:
                    OeeLog.WindowClosed(logger, closed.Window.Kind, closed.Window.Id);
                    await PublishClosedAsync(closed.Window, now, cancellationToken);
                    break;
                case CounterResetNotice reset:
                    OeeLog.CounterReset(logger, reset.Cell);
                    break;
            }
        }
    }

    /// <summary>A closed shift or work order is published once more, final, under <c>_oee/previousShift</c> / <c>previousWorkOrder</c>.</summary>
    private async Task PublishClosedAsync(OeeWindow window, long now, CancellationToken cancellationToken)
    {
        if (window.Kind is not (WindowKind.Shift or WindowKind.WorkOrder))
        {
            return;
        }

        var name = window.Kind == WindowKind.Shift ? "previousShift" : "previousWorkOrder";
        var scopes = engine.Read(c => c.Scopes.Select(s => (Scope: s, Result: c.Result(s, window.Key))).Where(r => r.Result is { PlannedBusyTimeS: > 0 }).ToList());
        foreach (var (scope, result) in scopes)
        {
            await client.PublishAsync(UnsTopic.Oee(scope, name), OeePayloads.From(result!, now), cancellationToken);
        }
    }

    /// <summary>Publishes, retained, every current figure (of <paramref name="only"/> these scopes) that changed since it was last published.</summary>
    private async Task PublishFiguresAsync(HashSet<IsaPath>? only, CancellationToken cancellationToken)
    {
        var now = UnsTime.Now(time);
        var current = engine.Read(c =>
        {
            var watermark = c.WatermarkMs;
            var open = c.Windows.Where(w => w.Contains(watermark) && w.Kind != WindowKind.WorkOrder).ToList();
            var orders = c.Windows.Where(w => w.Kind == WindowKind.WorkOrder && w.EndMs is null).ToList();
            var results = new List<(IsaPath Scope, string Name, OeeResult Result)>();
            foreach (var scope in only is null ? c.Scopes : c.Scopes.Where(only.Contains))
            {
                results.AddRange(open.Select(w => c.Result(scope, w.Key)).OfType<OeeResult>().Select(r => (scope, OeePayloads.TopicName(r.Window.Kind), r)));
                var order = orders.Select(w => c.Result(scope, w.Key)).OfType<OeeResult>().Where(r => r.PlannedBusyTimeS > 0).MaxBy(r => r.Window.StartMs);
                if (order is not null)
                {
                    results.Add((scope, "workorder", order));
                }
            }

            return results;
        });

        foreach (var (scope, name, result) in current)
        {
            var topic = UnsTopic.Oee(scope, name);
            var fingerprint = $"{result.Window.Id}|{result.PlannedBusyTimeS:F0}|{result.RunTimeS:F0}|{result.TotalCount}|{result.GoodCount}|{result.Closed}";
            if (_lastPublished.TryGetValue(topic, out var last) && last == fingerprint)
            {
                continue;
            }

            await client.PublishAsync(topic, OeePayloads.From(result, now), cancellationToken);
            _lastPublished[topic] = fingerprint;
        }
    }
}

using System.Buffers;
using System.Text.Json;
using Microsoft.Extensions.Options;
using UnsMes.EdgePublisher.Model;
using UnsMes.EdgePublisher.Publishing;
using UnsMes.EdgePublisher.Simulation;
using UnsMes.ServiceDefaults.Uns;
using UnsMes.Uns.Payloads;
using UnsMes.Uns.Topics;

namespace UnsMes.EdgePublisher;

/// <summary>
/// Runs the simulated plant in machine time and publishes what changes; follows the work orders dispatched to its
/// lines and the commands sent to its machines.
/// </summary>
internal sealed class EdgePublisherService(
    IOptions<EdgeOptions> options,
    [FromKeyedServices(EdgeRegistration.ClientName)] UnsClient client,
    IEdgeOutput output,
    PlantModel model,
    TimeProvider time,
    ILogger<EdgePublisherService> logger) : BackgroundService
{
    private readonly Lock _plantLock = new();
    private PlantSimulator? _plant;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var o = options.Value;
        var clock = new SimulationClock(time, o.Speed, TimeSpan.FromHours(o.StartHoursAgo));
        _plant = new PlantSimulator(model, clock.Start);
        await client.SubscribeAsync(UnsFilters.Family(UnsContract.Dispatch, model.SitePath).Single(), UnsQos.AtLeastOnce, OnDispatchAsync, stoppingToken);
        await client.SubscribeAsync($"{UnsTopic.Root}/{model.SitePath}/+/+/+/_cmd/+", UnsQos.AtLeastOnce, OnCommandAsync, stoppingToken);
        var (lines, machines) = (model.Lines.Count(), model.Machines.Count());
        EdgeLog.Started(logger, model.Enterprise, model.Site, lines, machines, o.Speed, o.Output);

        // Ticks often enough that machine time advances about one step per tick, at most 100 ticks a second.
        var tick = TimeSpan.FromMilliseconds(Math.Clamp(1000 / o.Speed, 10, 1000));
        using var timer = new PeriodicTimer(tick, time);
        while (await timer.WaitForNextTickAsync(stoppingToken))
        {
            List<SimulationChange> changes;
            lock (_plantLock)
            {
                changes = _plant.AdvanceTo(clock.Now);
            }

            await output.PublishAsync(changes, stoppingToken);
        }
    }

    private Task OnDispatchAsync(UnsMessage message, CancellationToken cancellationToken)
    {
        var topic = UnsTopic.Parse(message.Topic);
        var dispatch = message.Payload.IsEmpty ? null : UnsJson.Deserialize<DispatchPayload>(message.Payload.ToArray());
        var order = dispatch?.Queue.Count > 0 ? dispatch.Queue[0] : null;
        lock (_plantLock)
        {
            if (_plant?.Dispatch(topic.Path, order) != true)
            {
                EdgeLog.CommandIgnored(logger, message.Topic, "this edge runs no such line");
                return Task.CompletedTask;
            }
        }

        if (order is not null)
        {
            EdgeLog.Dispatched(logger, topic.Path, order.WorkOrderId, order.ProductId);
        }

        return Task.CompletedTask;
    }

    private async Task OnCommandAsync(UnsMessage message, CancellationToken cancellationToken)
    {
        var topic = UnsTopic.Parse(message.Topic);
        if (topic.Name != "forceStop")
        {
            return; // Other commands (classify-downtime, operator login, ...) are for other services.
        }

        CommandPayload command;
        try
        {
            command = UnsJson.Deserialize<CommandPayload>(message.Payload.ToArray());
        }
        catch (JsonException ex)
        {
            EdgeLog.CommandIgnored(logger, message.Topic, ex.Message);
            return;
        }

        var arguments = command.Arguments ?? new Dictionary<string, string>();
        var reason = arguments.GetValueOrDefault("reasonCode", "operator_stop");
        var minutes = double.TryParse(arguments.GetValueOrDefault("minutes"), System.Globalization.CultureInfo.InvariantCulture, out var m) ? m : 5;
        List<SimulationChange> changes;
        lock (_plantLock)
        {
            changes = _plant?.ForceStop(topic.Path, reason, arguments.GetValueOrDefault("reasonText", reason.Replace('_', ' ')), TimeSpan.FromMinutes(minutes)) ?? [];
        }

        if (changes.Count == 0)
        {
            EdgeLog.CommandIgnored(logger, message.Topic, "no such machine on this edge");
            return;
        }

        await output.PublishAsync(changes, cancellationToken);
    }
}

using System.Text;
using Microsoft.Extensions.DependencyInjection;
using UnsMes.ServiceDefaults.Uns;
using UnsMes.Uns.Topics;

namespace UnsMes.Dashboard.Live;

/// <summary>
/// Subscribes to the whole namespace, keeps the latest payload of every topic in the topic tree and passes each
/// message on to the connected browsers.
/// </summary>
internal sealed class DashboardStreamingService(
    [FromKeyedServices(DashboardRegistration.ClientName)] UnsClient client,
    TopicTree tree,
    LiveFeed feed,
    TimeProvider time,
    ILogger<DashboardStreamingService> logger) : BackgroundService
{
    public const string Filter = UnsTopic.Root + "/#";

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        await client.SubscribeAsync(Filter, UnsQos.AtLeastOnce, OnMessageAsync, stoppingToken);
        DashboardLog.Listening(logger, Filter);
    }

    private Task OnMessageAsync(UnsMessage message, CancellationToken cancellationToken)
    {
        var live = new LiveMessage(message.Topic, Encoding.UTF8.GetString(message.Payload), message.Retain, time.GetUtcNow().ToUnixTimeMilliseconds());
        tree.Apply(live);
        feed.Publish(live);
        return Task.CompletedTask;
    }
}

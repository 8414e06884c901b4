using System.Globalization;
using Confluent.Kafka;
using Microsoft.Extensions.Options;
using UnsMes.KafkaFanout.Forwarding;
using UnsMes.KafkaFanout.Topics;
using UnsMes.ServiceDefaults.Uns;
using UnsMes.Uns.Payloads;
using UnsMes.Uns.Topics;

namespace UnsMes.KafkaFanout.Health;

/// <summary>
/// Probes Kafka on an interval (metadata request), creates the topics once the cluster answers, and keeps the retained
/// <c>uns/v1/_status/kafka-fanout</c> current: healthy while Kafka is reachable, unhealthy (with the reason and the
/// held-back count) while it is not. A change of state is published at once, not at the next interval.
/// </summary>
internal sealed class KafkaStatusService(
    IOptions<KafkaFanoutOptions> options,
    KafkaLink link,
    TopicProvisioner provisioner,
    [FromKeyedServices(KafkaFanoutRegistration.ClientName)] UnsClient client,
    TimeProvider time,
    ILogger<KafkaStatusService> logger) : BackgroundService
{
    private readonly SemaphoreSlim _changed = new(0);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var o = options.Value;
        link.Changed += OnChanged;
        try
        {
            await RunAsync(o, stoppingToken);
        }
        finally
        {
            link.Changed -= OnChanged;
        }
    }

    // Raised on librdkafka's threads: it only logs and wakes the loop.
    private void OnChanged(bool up)
    {
        if (up)
        {
            FanoutLog.KafkaReachable(logger);
        }
        else
        {
            FanoutLog.KafkaUnreachable(logger, link.LastError ?? "unknown");
        }

        try
        {
            _changed.Release();
        }
        catch (ObjectDisposedException)
        {
        }
    }

    private async Task RunAsync(KafkaFanoutOptions o, CancellationToken stoppingToken)
    {
        using var admin = new AdminClientBuilder(KafkaClientConfigs.Admin(o, $"{KafkaFanoutRegistration.ClientName}-admin"))
            .SetLogHandler((_, m) => FanoutLog.Librdkafka(logger, m.Facility, m.Message))
            .SetErrorHandler((_, _) => { })
            .Build();
        var provisioned = !o.CreateTopics;
        while (!stoppingToken.IsCancellationRequested)
        {
            await ProbeAsync(admin);
            if (!provisioned && link.IsUp)
            {
                provisioned = await provisioner.EnsureAsync(admin);
            }

            await PublishStatusAsync(stoppingToken);
            try
            {
                await _changed.WaitAsync(TimeSpan.FromSeconds(o.StatusIntervalSeconds), stoppingToken);
            }
            catch (OperationCanceledException)
            {
                break;
            }
        }
    }

    private async Task ProbeAsync(IAdminClient admin)
    {
        try
        {
            var metadata = await Task.Run(() => admin.GetMetadata(TimeSpan.FromSeconds(3)));
            if (metadata.Brokers.Count > 0)
            {
                link.MarkUp();
            }
            else
            {
                link.MarkDown("the cluster reported no brokers");
            }
        }
        catch (KafkaException ex)
        {
            link.MarkDown(ex.Error.Reason);
        }
    }

    private async Task PublishStatusAsync(CancellationToken cancellationToken)
    {
        if (!client.IsConnected)
        {
            return;
        }

        var status = new ServiceStatusPayload
        {
            V = UnsSchema.Version,
            Ts = UnsTime.Now(time),
            Health = link.IsUp ? ServiceHealth.Healthy : ServiceHealth.Unhealthy,
            Instance = client.ClientId,
            Detail = new Dictionary<string, string>
            {
                ["kafka"] = link.IsUp ? "reachable" : "unreachable",
                ["kafkaError"] = link.IsUp ? "" : link.LastError ?? "not connected yet",
                ["since"] = link.Since.ToUnixTimeMilliseconds().ToString(CultureInfo.InvariantCulture),
                ["inFlight"] = link.InFlight.ToString(CultureInfo.InvariantCulture),
                ["delivered"] = link.Delivered.ToString(CultureInfo.InvariantCulture),
                ["deadLettered"] = link.DeadLettered.ToString(CultureInfo.InvariantCulture),
            },
        };
        try
        {
            await client.PublishAsync(UnsTopic.Status(KafkaFanoutRegistration.ClientName), status, cancellationToken);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            FanoutLog.StatusFailed(logger, ex.Message);
        }
    }

    public override void Dispose()
    {
        _changed.Dispose();
        base.Dispose();
    }
}

using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace UnsMes.KafkaFanout.Health;

/// <summary>Unhealthy while Kafka is unreachable: the fan-out is holding messages back, not forwarding them.</summary>
internal sealed class KafkaFanoutHealthCheck(KafkaLink link) : IHealthCheck
{
    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        var data = new Dictionary<string, object>
        {
            ["inFlight"] = link.InFlight,
            ["delivered"] = link.Delivered,
            ["deadLettered"] = link.DeadLettered,
            ["since"] = link.Since,
        };
        return Task.FromResult(link.IsUp
            ? HealthCheckResult.Healthy("Kafka reachable", data)
            : HealthCheckResult.Unhealthy($"Kafka unreachable: {link.LastError ?? "not connected yet"}", data: data));
    }
}

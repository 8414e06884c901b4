using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace UnsMes.ServiceDefaults.Uns;

/// <summary>Ready only while connected: a service cut off from the broker cannot do its job.</summary>
internal sealed class UnsClientHealthCheck(UnsClient client) : IHealthCheck
{
    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default) =>
        Task.FromResult(client.IsConnected
            ? HealthCheckResult.Healthy($"connected as {client.ClientId}")
            : HealthCheckResult.Unhealthy($"{client.Name} is not connected to the broker"));
}

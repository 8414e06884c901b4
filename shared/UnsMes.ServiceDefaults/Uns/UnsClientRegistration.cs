using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace UnsMes.ServiceDefaults.Uns;

public static class UnsClientRegistration
{
    /// <summary>
    /// Adds a UNS client for the named service, as a keyed singleton (<c>[FromKeyedServices(name)] UnsClient</c>)
    /// that connects when the host starts. Options come from <c>Uns</c>, overridden by <c>Uns:Clients:{name}</c>.
    /// </summary>
    public static IHostApplicationBuilder AddUnsClient(this IHostApplicationBuilder builder, string name)
    {
        builder.Services.AddOptions<UnsClientOptions>(name)
            .Bind(builder.Configuration.GetSection(UnsClientOptions.SectionName))
            .Bind(builder.Configuration.GetSection($"{UnsClientOptions.SectionName}:Clients:{name}"))
            .ValidateDataAnnotations()
            .ValidateOnStart();
        builder.Services.TryAddSingleton(TimeProvider.System);
        builder.Services.AddKeyedSingleton(name, (sp, _) => new UnsClient(
            name,
            sp.GetRequiredService<IOptionsMonitor<UnsClientOptions>>().Get(name),
            sp.GetRequiredService<ILogger<UnsClient>>(),
            sp.GetRequiredService<TimeProvider>()));
        builder.Services.AddSingleton<IHostedService>(sp => sp.GetRequiredKeyedService<UnsClient>(name));
        builder.Services.AddHealthChecks().Add(new Microsoft.Extensions.Diagnostics.HealthChecks.HealthCheckRegistration(
            $"uns-{name}",
            sp => new UnsClientHealthCheck(sp.GetRequiredKeyedService<UnsClient>(name)),
            failureStatus: null,
            tags: ["ready"]));
        return builder;
    }
}

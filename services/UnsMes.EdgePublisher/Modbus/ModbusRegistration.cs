using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace UnsMes.EdgePublisher.Modbus;

public static class ModbusRegistration
{
    /// <summary>
    /// Adds the Modbus TCP connector: <see cref="ModbusOptions"/> from <c>Edge:Modbus</c>, validated at start, and
    /// the poller. The host registers the <see cref="IProcessValueSink"/> that carries the values into the namespace.
    /// </summary>
    public static IHostApplicationBuilder AddModbusConnector(this IHostApplicationBuilder builder)
    {
        var services = builder.Services;
        services.AddOptions<ModbusOptions>()
            .Bind(builder.Configuration.GetSection(ModbusOptions.SectionName))
            .ValidateOnStart();
        services.AddSingleton<IValidateOptions<ModbusOptions>, ModbusOptionsValidator>();
        services.TryAddSingleton(TimeProvider.System);
        services.AddHostedService<ModbusPoller>();
        return builder;
    }
}

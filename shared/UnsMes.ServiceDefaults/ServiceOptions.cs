using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;
using UnsMes.Uns.Calendar;

namespace UnsMes.ServiceDefaults;

public static class ServiceOptions
{
    /// <summary>The plant-wide section every service's shift calendar falls back to.</summary>
    public const string PlantShiftsSection = "Shifts";

    /// <summary>Binds a service's options from its section, validates them at start (data annotations).</summary>
    public static OptionsBuilder<T> AddServiceOptions<T>(this IHostApplicationBuilder builder, string section)
        where T : class =>
        builder.Services.AddOptions<T>()
            .Bind(builder.Configuration.GetSection(section))
            .ValidateDataAnnotations()
            .ValidateOnStart();

    /// <summary>A service without shifts of its own takes the plant-wide calendar (the <c>Shifts</c> section).</summary>
    public static OptionsBuilder<T> WithPlantShifts<T>(this OptionsBuilder<T> options, IConfiguration configuration, Func<T, List<ShiftOptions>> shifts)
        where T : class =>
        options.PostConfigure(o =>
        {
            var own = shifts(o);
            if (own.Count == 0)
            {
                configuration.GetSection(PlantShiftsSection).Bind(own);
            }
        });
}

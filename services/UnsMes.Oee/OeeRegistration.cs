using Microsoft.Extensions.Options;
using UnsMes.Oee.Api;
using UnsMes.Oee.State;
using UnsMes.Oee.Streaming;
using UnsMes.ServiceDefaults.Uns;

namespace UnsMes.Oee;

public static class OeeRegistration
{
    public const string ClientName = "oee";

    public static IHostApplicationBuilder AddOeeCalculator(this IHostApplicationBuilder builder)
    {
        builder.Services.AddOptions<OeeOptions>()
            .Bind(builder.Configuration.GetSection(OeeOptions.SectionName))
            .ValidateDataAnnotations()
            .ValidateOnStart();
        builder.AddUnsClient(ClientName);
        builder.Services.AddSingleton(sp =>
        {
            var o = sp.GetRequiredService<IOptions<OeeOptions>>().Value;
            return new OeeStateFile(Path.IsPathRooted(o.StatePath) ? o.StatePath : Path.Combine(builder.Environment.ContentRootPath, o.StatePath));
        });
        builder.Services.AddSingleton(sp => new OeeEngine(sp.GetRequiredService<IOptions<OeeOptions>>().Value, sp.GetRequiredService<OeeStateFile>().Load()));
        builder.Services.AddHostedService<OeeStreamingService>();
        return builder;
    }

    public static WebApplication MapOeeCalculator(this WebApplication app)
    {
        app.MapOeeApi();
        return app;
    }
}

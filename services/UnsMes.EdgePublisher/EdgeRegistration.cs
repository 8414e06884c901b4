using Microsoft.Extensions.Options;
using UnsMes.EdgePublisher.Buffering;
using UnsMes.EdgePublisher.Model;
using UnsMes.EdgePublisher.Modbus;
using UnsMes.EdgePublisher.Publishing;
using UnsMes.ServiceDefaults.Uns;

namespace UnsMes.EdgePublisher;

public static class EdgeRegistration
{
    public const string ClientName = "edge";

    public static IHostApplicationBuilder AddEdgePublisher(this IHostApplicationBuilder builder)
    {
        builder.Services.AddOptions<EdgeOptions>()
            .Bind(builder.Configuration.GetSection(EdgeOptions.SectionName))
            .ValidateDataAnnotations()
            .ValidateOnStart();
        builder.AddUnsClient(ClientName);

        // Loaded while the host is built, so a broken model stops the start with its file, line and field.
        var edge = builder.Configuration.GetSection(EdgeOptions.SectionName).Get<EdgeOptions>() ?? new EdgeOptions();
        var model = PlantModelSource.Load(edge.PlantModel, builder.Environment.ContentRootPath);
        builder.Services.AddSingleton(model);
        builder.Services.AddSingleton(sp =>
        {
            var o = sp.GetRequiredService<IOptions<EdgeOptions>>().Value.StoreAndForward;
            var path = Path.IsPathRooted(o.Path) ? o.Path : Path.Combine(builder.Environment.ContentRootPath, o.Path);
            return new StoreAndForwardBuffer(path, o.MaxMessages);
        });
        builder.Services.AddSingleton(sp => new StoreAndForwardSink(
            sp.GetRequiredKeyedService<UnsClient>(ClientName),
            sp.GetRequiredService<StoreAndForwardBuffer>(),
            sp.GetRequiredService<IOptions<EdgeOptions>>(),
            sp.GetRequiredService<ILogger<StoreAndForwardSink>>()));
        builder.Services.AddHostedService(sp => sp.GetRequiredService<StoreAndForwardSink>());
        if (edge.Output == EdgeOutput.Sparkplug)
        {
            builder.Services.AddSingleton<SparkplugOutput>();
            builder.Services.AddSingleton<IEdgeOutput>(sp => sp.GetRequiredService<SparkplugOutput>());
            builder.Services.AddHostedService(sp => sp.GetRequiredService<SparkplugOutput>());
        }
        else
        {
            builder.Services.AddSingleton<IEdgeOutput, UnsJsonOutput>();
        }

        // Real devices: Modbus TCP tags go to the namespace whichever output the simulated plant uses.
        builder.AddModbusConnector();
        builder.Services.AddSingleton<IProcessValueSink, UnsProcessValueSink>();
        if (edge.Simulate)
        {
            builder.Services.AddHostedService<EdgePublisherService>();
        }

        return builder;
    }
}

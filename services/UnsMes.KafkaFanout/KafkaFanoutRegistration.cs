using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using UnsMes.KafkaFanout.Forwarding;
using UnsMes.KafkaFanout.Health;
using UnsMes.KafkaFanout.Inbound;
using UnsMes.KafkaFanout.Mapping;
using UnsMes.KafkaFanout.Topics;
using UnsMes.ServiceDefaults.Uns;

namespace UnsMes.KafkaFanout;

public static class KafkaFanoutRegistration
{
    public const string ClientName = "kafka-fanout";

    /// <summary>
    /// Adds the Kafka fan-out when <c>Kafka:BootstrapServers</c> is set (configuration or <c>Kafka__BootstrapServers</c>);
    /// without it nothing is registered and the host runs as before.
    /// </summary>
    public static IHostApplicationBuilder AddKafkaFanout(this IHostApplicationBuilder builder)
    {
        var section = builder.Configuration.GetSection(KafkaFanoutOptions.SectionName);
        if (string.IsNullOrWhiteSpace(section[nameof(KafkaFanoutOptions.BootstrapServers)]))
        {
            return builder;
        }

        builder.Services.AddOptions<KafkaFanoutOptions>()
            .Bind(section)
            .ValidateDataAnnotations()
            .Validate(o => o.EffectiveRoutes.All(r => !string.IsNullOrWhiteSpace(r.Topic)), "Kafka:Routes: every route needs a Topic")
            .ValidateOnStart();
        builder.AddUnsClient(ClientName);
        builder.Services.TryAddSingleton(TimeProvider.System);
        builder.Services.AddSingleton(sp => new TopicMapper(Options(sp).EffectiveRoutes));
        builder.Services.AddSingleton(sp => new KafkaRecordBuilder(Options(sp).Envelope, sp.GetRequiredService<TimeProvider>()));
        builder.Services.AddSingleton<KafkaLink>();
        builder.Services.AddSingleton(sp => new FanoutPipeline(
            Options(sp), sp.GetRequiredService<TopicMapper>(), sp.GetRequiredService<KafkaRecordBuilder>(),
            sp.GetRequiredService<KafkaLink>(), sp.GetRequiredService<ILogger<FanoutPipeline>>()));
        builder.Services.AddSingleton(sp => new DeadLetterSink(
            sp.GetRequiredKeyedService<UnsClient>(ClientName), sp.GetRequiredService<TimeProvider>(), sp.GetRequiredService<ILogger<DeadLetterSink>>()));
        builder.Services.AddSingleton(sp => new TopicProvisioner(Options(sp), sp.GetRequiredService<TopicMapper>(), sp.GetRequiredService<ILogger<TopicProvisioner>>()));
        builder.Services.AddHostedService<KafkaStatusService>();
        builder.Services.AddHostedService<FanoutIngestService>();
        builder.Services.AddHostedService<KafkaToMqttService>();
        builder.Services.AddHealthChecks().AddCheck<KafkaFanoutHealthCheck>("kafka-fanout", tags: ["ready"]);
        return builder;
    }

    public static WebApplication MapKafkaFanout(this WebApplication app)
    {
        if (app.Services.GetService<KafkaLink>() is { } link)
        {
            app.MapGet("/kafka-fanout/status", () => Results.Json(new
            {
                kafka = link.IsUp ? "reachable" : "unreachable",
                lastError = link.IsUp ? null : link.LastError,
                since = link.Since,
                received = link.Received,
                inFlight = link.InFlight,
                delivered = link.Delivered,
                deadLettered = link.DeadLettered,
                retried = link.Retried,
                inboundPublished = link.InboundPublished,
            }));
        }

        return app;
    }

    private static KafkaFanoutOptions Options(IServiceProvider sp) => sp.GetRequiredService<IOptions<KafkaFanoutOptions>>().Value;
}

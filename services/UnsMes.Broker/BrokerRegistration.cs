using System.Net;
using System.Security.Cryptography.X509Certificates;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using MQTTnet.AspNetCore;
using MQTTnet.Server;
using MQTTnet.Server.Internal.Adapter;
using UnsMes.Broker.Publishing;
using UnsMes.Broker.Retained;
using UnsMes.Broker.Security;
using UnsMes.Broker.Statistics;
using UnsMes.Broker.Transport;

namespace UnsMes.Broker;

public static class BrokerRegistration
{
    /// <summary>Adds the broker to a web host: MQTT over TCP (and TLS), and over WebSocket on the host's HTTP port.</summary>
    public static WebApplicationBuilder AddUnsBroker(this WebApplicationBuilder builder)
    {
        var services = builder.Services;
        services.AddOptions<BrokerOptions>()
            .Bind(builder.Configuration.GetSection(BrokerOptions.SectionName))
            .ValidateDataAnnotations()
            .ValidateOnStart();
        services.AddSingleton<IValidateOptions<BrokerOptions>, BrokerOptionsValidator>();
        services.TryAddSingleton(TimeProvider.System);
        services.AddConnections();
        services.AddMqttConnectionHandler();
        services.AddSingleton<BrokerStatistics>();
        services.AddSingleton<AccessControl>();
        services.AddSingleton<PublishGate>();
        services.AddSingleton<RetainedMessageStore>();
        services.AddSingleton(CreateServer);
        services.AddSingleton<DeadLetterQueue>();
        services.AddHostedService<BrokerService>();
        services.AddHostedService(sp => sp.GetRequiredService<DeadLetterQueue>());
        services.AddHostedService<SysTopicPublisher>();
        return builder;
    }

    public static WebApplication MapUnsBroker(this WebApplication app)
    {
        app.MapMqtt(app.Services.GetRequiredService<IOptions<BrokerOptions>>().Value.WebSocketPath);
        return app;
    }

    private static MqttServer CreateServer(IServiceProvider services)
    {
        var options = services.GetRequiredService<IOptions<BrokerOptions>>().Value;
        var builder = new MqttServerOptionsBuilder()
            .WithDefaultEndpoint()
            .WithDefaultEndpointBoundIPAddress(IPAddress.Parse(options.BindAddress))
            .WithDefaultEndpointPort(options.TcpPort)
            .WithPersistentSessions()
            .WithMaxPendingMessagesPerClient(options.MaxPendingMessagesPerClient)
            .WithPendingMessagesOverflowStrategy(options.OverflowStrategy);
        if (options.Tls.Enabled)
        {
            var certificate = X509CertificateLoader.LoadPkcs12FromFile(options.Tls.CertificatePath!, options.Tls.CertificatePassword);
            builder.WithEncryptedEndpoint()
                .WithEncryptedEndpointBoundIPAddress(IPAddress.Parse(options.BindAddress))
                .WithEncryptedEndpointPort(options.Tls.Port)
                .WithEncryptionCertificate(certificate);
        }

        // MQTTnet's own TCP transport for 1883/8883, and the ASP.NET Core connection handler for WebSocket.
        IMqttServerAdapter[] adapters =
        [
            new ClientIdAssigningAdapter(new MqttTcpServerAdapter()),
            new ClientIdAssigningAdapter(services.GetRequiredService<MqttConnectionHandler>()),
        ];
        return new MqttServerFactory().CreateMqttServer(builder.Build(), adapters);
    }
}

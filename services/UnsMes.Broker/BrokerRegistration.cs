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
        services.AddSingleton<Subscriptions.SharedSubscriptions>();
        services.AddSingleton<Subscriptions.DeliveryWindow>();
        services.AddHostedService<BrokerService>();
        services.AddHostedService(sp => sp.GetRequiredService<DeadLetterQueue>());
        services.AddHostedService<SysTopicPublisher>();
        var configured = builder.Configuration.GetSection(BrokerOptions.SectionName).Get<BrokerOptions>() ?? new BrokerOptions();
        if (configured.TcpTransport == BrokerTcpTransport.Kestrel)
        {
            ListenWithKestrel(builder, configured);
        }

        return builder;
    }

    /// <summary>
    /// MQTT over TCP through Kestrel's connection pipeline. Endpoints set in code replace the <c>Urls</c> setting, so
    /// the HTTP endpoints from <c>Urls</c> are declared here as well.
    /// </summary>
    private static void ListenWithKestrel(WebApplicationBuilder builder, BrokerOptions options)
    {
        var urls = (builder.Configuration["Urls"] ?? "http://localhost:5000").Split(';', StringSplitOptions.RemoveEmptyEntries);

        // Kestrel logs once that these endpoints override the Urls setting; they are the same addresses.
        builder.WebHost.ConfigureKestrel(kestrel =>
        {
            kestrel.Listen(IPAddress.Parse(options.BindAddress), options.TcpPort, listen => listen.UseMqtt());
            if (options.Tls.Enabled)
            {
                var certificate = X509CertificateLoader.LoadPkcs12FromFile(options.Tls.CertificatePath!, options.Tls.CertificatePassword);
                kestrel.Listen(IPAddress.Parse(options.BindAddress), options.Tls.Port, listen =>
                {
                    listen.UseHttps(certificate);
                    listen.UseMqtt();
                });
            }

            foreach (var url in urls)
            {
                var uri = new Uri(url.Replace("://*", "://0.0.0.0", StringComparison.Ordinal).Replace("://+", "://0.0.0.0", StringComparison.Ordinal));
                kestrel.Listen(uri.Host == "localhost" ? IPAddress.Loopback : IPAddress.Parse(uri.Host), uri.Port);
            }
        });
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
        if (options.Tls.Enabled && options.TcpTransport == BrokerTcpTransport.MqttNet)
        {
            var certificate = X509CertificateLoader.LoadPkcs12FromFile(options.Tls.CertificatePath!, options.Tls.CertificatePassword);
            builder.WithEncryptedEndpoint()
                .WithEncryptedEndpointBoundIPAddress(IPAddress.Parse(options.BindAddress))
                .WithEncryptedEndpointPort(options.Tls.Port)
                .WithEncryptionCertificate(certificate);
        }

        // MQTTnet's own TCP transport for 1883/8883, and the ASP.NET Core connection handler for WebSocket.
        // With Kestrel carrying TCP too, its connection handler is the only adapter.
        IPacketRewriter[] rewriters = [services.GetRequiredService<Subscriptions.SharedSubscriptions>(), services.GetRequiredService<Subscriptions.DeliveryWindow>()];
        var aspNet = new BrokerConnectionAdapter(services.GetRequiredService<MqttConnectionHandler>(), rewriters);
        IMqttServerAdapter[] adapters = options.TcpTransport == BrokerTcpTransport.Kestrel
            ? [aspNet]
            : [new BrokerConnectionAdapter(new MqttTcpServerAdapter(), rewriters), aspNet];
        return new MqttServerFactory().CreateMqttServer(builder.Build(), adapters);
    }
}

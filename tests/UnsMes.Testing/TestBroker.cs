using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using UnsMes.Broker;
using UnsMes.Broker.Security;

namespace UnsMes.Testing;

/// <summary>
/// The real broker, in process, listening on free loopback ports with its retained store in a temp folder.
/// Users: 'dev'/'dev-pass' (everything), 'edge'/'edge-pass' (publishes only under uns/v1/acme/), anonymous allowed
/// unless the test says otherwise.
/// </summary>
public sealed class TestBroker : IAsyncDisposable
{
    public const string DevUser = "dev";
    public const string DevPassword = "dev-pass";
    public const string EdgeUser = "edge";
    public const string EdgePassword = "edge-pass";

    // Hashing with fewer iterations keeps the suite fast; the format and check are the production ones.
    private static readonly string DevHash = PasswordHasher.Hash(DevPassword, 10_000);
    private static readonly string EdgeHash = PasswordHasher.Hash(EdgePassword, 10_000);

    private WebApplication? _app;

    private TestBroker(string dataDirectory, int port, int httpPort)
    {
        DataDirectory = dataDirectory;
        Port = port;
        HttpPort = httpPort;
    }

    public string DataDirectory { get; }
    public int Port { get; }
    public int HttpPort { get; }
    public string WebSocketUri => $"ws://127.0.0.1:{HttpPort}/mqtt";
    public IServiceProvider Services => _app!.Services;

    public static async Task<TestBroker> StartAsync(bool allowAnonymous = true, string environment = "Development", IDictionary<string, string?>? extra = null)
    {
        var dataDirectory = Directory.CreateTempSubdirectory("unsmes-broker-test-").FullName;
        var broker = new TestBroker(dataDirectory, FreePort.Next(), FreePort.Next());
        await broker.StartAgainAsync(allowAnonymous, environment, extra);
        return broker;
    }

    /// <summary>Starts (again) on the same ports and data directory, as a restart does.</summary>
    public async Task StartAgainAsync(bool allowAnonymous = true, string environment = "Development", IDictionary<string, string?>? extra = null, Action<MQTTnet.Server.MqttServer>? beforeStart = null)
    {
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions { EnvironmentName = environment, ContentRootPath = DataDirectory });
        builder.Configuration.AddInMemoryCollection(Settings(allowAnonymous));
        if (extra is not null)
        {
            builder.Configuration.AddInMemoryCollection(extra);
        }

        builder.WebHost.UseUrls($"http://127.0.0.1:{HttpPort}");
        builder.Logging.SetMinimumLevel(LogLevel.Warning);
        builder.AddUnsBroker();
        var app = builder.Build();
        app.MapUnsBroker();

        // Hooks attached here see the very first client, which a hook attached after the start could miss.
        beforeStart?.Invoke(app.Services.GetRequiredService<MQTTnet.Server.MqttServer>());
        await app.StartAsync();
        _app = app;
    }

    public async Task StopAsync()
    {
        if (_app is not null)
        {
            await _app.StopAsync();
            await _app.DisposeAsync();
            _app = null;
        }
    }

    /// <summary>Completes when some client's subscription to exactly this filter has been accepted.</summary>
    public Task WaitForSubscriptionAsync(string filter, TimeSpan? timeout = null)
    {
        var server = Get<MQTTnet.Server.MqttServer>();
        var done = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        server.ClientSubscribedTopicAsync += args =>
        {
            if (args.TopicFilter.Topic == filter)
            {
                done.TrySetResult();
            }

            return Task.CompletedTask;
        };
        return done.Task.WaitAsync(timeout ?? TimeSpan.FromSeconds(10));
    }

    public T Get<T>()
        where T : notnull => Services.GetRequiredService<T>();

    public async ValueTask DisposeAsync()
    {
        await StopAsync();
        try
        {
            Directory.Delete(DataDirectory, recursive: true);
        }
        catch (IOException)
        {
            // A file still held by the OS is left for the temp cleaner; it is not a test failure.
        }
    }

    public Dictionary<string, string?> Settings(bool allowAnonymous) => new()
    {
        ["Broker:BindAddress"] = "127.0.0.1",
        ["Broker:TcpPort"] = Port.ToString(System.Globalization.CultureInfo.InvariantCulture),
        ["Broker:DataDirectory"] = DataDirectory,
        ["Broker:AllowAnonymous"] = allowAnonymous ? "true" : "false",
        ["Broker:StatisticsIntervalSeconds"] = "1",
        ["Broker:MaxPayloadBytes"] = "65536",
        ["Broker:Users:0:Username"] = DevUser,
        ["Broker:Users:0:PasswordHash"] = DevHash,
        ["Broker:Users:0:Publish:0"] = "#",
        ["Broker:Users:0:Subscribe:0"] = "#",
        ["Broker:Users:0:Subscribe:1"] = "$SYS/#",
        ["Broker:Users:1:Username"] = EdgeUser,
        ["Broker:Users:1:PasswordHash"] = EdgeHash,
        ["Broker:Users:1:Publish:0"] = "uns/v1/acme/#",
        ["Broker:Users:1:Subscribe:0"] = "uns/v1/acme/+/+/+/+/_cmd/#",
    };
}

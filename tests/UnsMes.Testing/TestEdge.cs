using System.Globalization;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using UnsMes.EdgePublisher;

namespace UnsMes.Testing;

/// <summary>The edge publisher in its own host against a test broker, with its buffer in the broker's temp folder.</summary>
public static class TestEdge
{
    public static async Task<IHost> StartAsync(TestBroker broker, IDictionary<string, string?> settings)
    {
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { EnvironmentName = "Development", ContentRootPath = broker.DataDirectory });
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Uns:Host"] = "127.0.0.1",
            ["Uns:Port"] = broker.Port.ToString(CultureInfo.InvariantCulture),
            ["Uns:ReconnectMaxDelaySeconds"] = "1",
            ["Edge:StoreAndForward:Path"] = Path.Combine(broker.DataDirectory, "edge-sf.db"),
        });
        builder.Configuration.AddInMemoryCollection(settings);
        builder.Logging.SetMinimumLevel(LogLevel.Warning);
        builder.AddEdgePublisher();
        var host = builder.Build();
        await host.StartAsync();
        return host;
    }
}

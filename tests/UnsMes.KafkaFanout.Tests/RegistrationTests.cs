using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using UnsMes.KafkaFanout.Health;

namespace UnsMes.KafkaFanout.Tests;

public sealed class RegistrationTests
{
    [Test]
    public void AddKafkaFanout_NoBootstrapServers_RegistersNothing()
    {
        var builder = WebApplication.CreateBuilder();
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?> { ["Kafka:BootstrapServers"] = "" });
        builder.AddKafkaFanout();

        Assert.That(builder.Services.Any(s => s.ServiceType == typeof(KafkaLink)), Is.False);
        Assert.That(builder.Services.Count(s => s.ServiceType == typeof(IHostedService)), Is.Zero);
    }

    [Test]
    public void AddKafkaFanout_BootstrapServersFromTheEnvironmentStyleKey_TurnsTheFanoutOn()
    {
        var builder = WebApplication.CreateBuilder();
        // Kafka__BootstrapServers in the environment arrives as this key.
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?> { ["Kafka:BootstrapServers"] = "kafka-0:9092" });
        builder.AddKafkaFanout();

        Assert.That(builder.Services.Any(s => s.ServiceType == typeof(KafkaLink)), Is.True);
        Assert.That(builder.Services.Count(s => s.ServiceType == typeof(IHostedService)), Is.GreaterThanOrEqualTo(3));
    }
}

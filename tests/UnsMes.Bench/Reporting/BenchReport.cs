using System.Text.Json;
using System.Text.Json.Serialization;

namespace UnsMes.Bench.Reporting;

/// <summary>Everything a run measured, as written to the JSON file.</summary>
internal sealed record BenchReport(
    DateTimeOffset StartedAt,
    MachineInfo Machine,
    RunSettings Settings,
    BrokerInfo Brokers,
    List<Comparison> Scenarios,
    List<RetainedMeasurement> Retained,
    List<string> Notes)
{
    public async Task WriteAsync(string path)
    {
        var directory = Path.GetDirectoryName(Path.GetFullPath(path));
        if (directory is not null)
        {
            Directory.CreateDirectory(directory);
        }

        await using var file = File.Create(path);
        await JsonSerializer.SerializeAsync(file, this, BenchJsonContext.Default.BenchReport);
    }
}

/// <summary>The machine; the load averages (1, 5, 15 min) show how busy its other tenants kept it.</summary>
internal sealed record MachineInfo(int Cores, string Os, string Runtime, string MqttNet, string LoadAverageAtStart, string LoadAverageAtEnd)
{
    public static string LoadAverage()
    {
        try
        {
            return string.Join(' ', File.ReadAllText("/proc/loadavg").Split(' ').Take(3));
        }
        catch (IOException)
        {
            return "unknown";
        }
    }
}

internal sealed record RunSettings(
    int Messages, int QoS1Messages, int RetainedTopics, int RetainedPublishers, int SteadyRate, int SteadySeconds, int Window, int Fan, int Repeat, double DrainIdleSeconds, List<string> BrokerArgs);

internal sealed record BrokerInfo(string UnsMes, string? Mosquitto, IReadOnlyList<string>? MosquittoConfiguration);

[JsonSourceGenerationOptions(
    WriteIndented = true,
    PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase,
    NumberHandling = JsonNumberHandling.AllowNamedFloatingPointLiterals,
    DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull)]
[JsonSerializable(typeof(BenchReport))]
internal sealed partial class BenchJsonContext : JsonSerializerContext;

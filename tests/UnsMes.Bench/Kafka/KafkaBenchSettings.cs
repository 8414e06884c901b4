using System.Globalization;

namespace UnsMes.Bench.Kafka;

/// <summary>The Kafka benchmark's command line: <c>kafka [--messages N] [--publishers N] [--connections N] [--partitions N] [--broker unsmes|mosquitto|both]</c>.</summary>
internal sealed record KafkaBenchSettings(int Messages, int Publishers, int Connections, int Partitions, string Broker, int MaxInFlight)
{
    public static KafkaBenchSettings Parse(string[] args)
    {
        var settings = new KafkaBenchSettings(200_000, 4, 1, 6, "both", 20_000);
        for (var i = 0; i + 1 < args.Length; i += 2)
        {
            var value = args[i + 1];
            settings = args[i] switch
            {
                "--messages" => settings with { Messages = Int(value) },
                "--publishers" => settings with { Publishers = Int(value) },
                "--connections" => settings with { Connections = Int(value) },
                "--partitions" => settings with { Partitions = Int(value) },
                "--max-in-flight" => settings with { MaxInFlight = Int(value) },
                "--broker" => settings with { Broker = value },
                _ => throw new ArgumentException($"unknown option {args[i]}"),
            };
        }

        return settings;
    }

    private static int Int(string text) => int.Parse(text, CultureInfo.InvariantCulture);
}

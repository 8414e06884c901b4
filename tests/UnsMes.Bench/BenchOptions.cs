using System.Globalization;

namespace UnsMes.Bench;

/// <summary>The command line: how much load, where the brokers are, where the figures go.</summary>
internal sealed class BenchOptions
{
    public const string Usage = """
        UnsMes.Bench: the UnsMes broker against Mosquitto, same load generator, same run.

          --messages N       messages delivered per QoS 0 scenario (default 100000; QoS 1 scenarios use half)
          --retained N       retained topics for the memory scenario (default 100000)
          --retained-publishers N  clients publishing them (default 4)
          --rate N           total msg/s of the steady-rate scenario (default 5000)
          --seconds N        duration of the steady-rate scenario (default 10)
          --window N         in-flight QoS 1 publishes per publisher (default 100)
          --json FILE        where to write every figure (default artifacts/bench/broker.json)
          --broker-dll FILE  the UnsMes broker (default: services/UnsMes.Broker/bin/Release/net10.0 under the repository)
          --broker-arg ARG   an extra command-line argument for the UnsMes broker (repeatable),
                             e.g. --broker-arg --Broker:ValidateContract=false
          --mosquitto FILE   the mosquitto binary (default: found on PATH or in /usr/sbin)
          --mosquitto-conf L an extra line for the generated mosquitto.conf (repeatable)
          --no-mosquitto     run the UnsMes broker only
          --only TEXT        run only the scenarios whose name contains TEXT (repeatable; "retained" selects the memory scenario)
          --repeat N         runs of each burst scenario per broker (default 3; the median is reported)
        """;

    public int Messages { get; private set; } = 100_000;

    public int RetainedTopics { get; private set; } = 100_000;

    public int RetainedPublishers { get; private set; } = 4;

    public int SteadyRate { get; private set; } = 5_000;

    public int SteadySeconds { get; private set; } = 10;

    public int Window { get; private set; } = 100;

    /// <summary>Publishers of the fan-in scenarios and subscribers of the fan-out ones.</summary>
    public int Fan { get; private set; } = 4;

    /// <summary>How long delivery may stall before the missing messages count as lost.</summary>
    public TimeSpan DrainIdle { get; private set; } = TimeSpan.FromSeconds(5);

    public string JsonPath { get; private set; } = Path.Combine("artifacts", "bench", "broker.json");

    public string? BrokerDll { get; private set; }

    public List<string> BrokerArgs { get; } = [];

    public string? Mosquitto { get; private set; }

    public List<string> MosquittoConf { get; } = [];

    public bool SkipMosquitto { get; private set; }

    public List<string> Only { get; } = [];

    public int Repeat { get; private set; } = 3;

    public bool ShowHelp { get; private set; }

    /// <summary>Whether a scenario is selected by --only (everything is, without it).</summary>
    public bool Selects(string scenario) => Only.Count == 0 || Only.Exists(o => scenario.Contains(o, StringComparison.OrdinalIgnoreCase));

    public static BenchOptions Parse(string[] args)
    {
        var options = new BenchOptions();
        for (var i = 0; i < args.Length; i++)
        {
            string Value() => i + 1 < args.Length ? args[++i] : throw new ArgumentException($"{args[i]} needs a value");
            int Count() => int.TryParse(Value(), NumberStyles.None, CultureInfo.InvariantCulture, out var n) && n > 0
                ? n
                : throw new ArgumentException($"{args[i - 1]} needs a positive whole number");

            switch (args[i])
            {
                case "--messages": options.Messages = Count(); break;
                case "--retained": options.RetainedTopics = Count(); break;
                case "--retained-publishers": options.RetainedPublishers = Count(); break;
                case "--rate": options.SteadyRate = Count(); break;
                case "--seconds": options.SteadySeconds = Count(); break;
                case "--window": options.Window = Count(); break;
                case "--json": options.JsonPath = Value(); break;
                case "--broker-dll": options.BrokerDll = Value(); break;
                case "--broker-arg": options.BrokerArgs.Add(Value()); break;
                case "--mosquitto": options.Mosquitto = Value(); break;
                case "--mosquitto-conf": options.MosquittoConf.Add(Value()); break;
                case "--only": options.Only.Add(Value()); break;
                case "--repeat": options.Repeat = Count(); break;
                case "--no-mosquitto": options.SkipMosquitto = true; break;
                case "--help" or "-h": options.ShowHelp = true; break;
                default: throw new ArgumentException($"unknown option {args[i]}");
            }
        }

        if (options.Messages < 2 * options.Fan * options.Fan || options.SteadyRate * options.SteadySeconds < options.Fan)
        {
            throw new ArgumentException($"--messages must be at least {2 * options.Fan * options.Fan}, and --rate times --seconds at least {options.Fan}");
        }

        return options;
    }
}

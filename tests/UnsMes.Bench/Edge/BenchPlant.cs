using System.Globalization;
using System.Text;
using UnsMes.EdgePublisher.Model;

namespace UnsMes.Bench.Edge;

/// <summary>
/// A generated plant of N machines with 10 process tags each, on lines of 10 machines, running around the clock;
/// optionally split between edge gateways, each running some of the lines (as a plant deploys one per area or line).
/// </summary>
internal static class BenchPlant
{
    public const int TagsPerMachine = 10;

    /// <summary>The plant's lines dealt out to <paramref name="gateways"/> models, line by line.</summary>
    public static IReadOnlyList<PlantModel> Split(int machines, int gateways) =>
        [.. Enumerable.Range(0, gateways).Select(g => Create(machines, TagsPerMachine, line => line % gateways == g))];

    public static PlantModel Create(int machines, int tagsPerMachine = TagsPerMachine, Func<int, bool>? runsLine = null)
    {
        var yaml = new StringBuilder("""
            enterprise: bench
            site: s1
            machineTypes:
              cnc:
                idealCycleTimeS: 30
                scrapRate: 0.01
                faults:
                  - { reason: jam, mtbfMinutes: 60, mttrMinutes: 3 }
            """);
        yaml.Append(tagsPerMachine > 0 ? "\n    tags:\n" : "\n");
        for (var t = 0; t < tagsPerMachine; t++)
        {
            yaml.Append(CultureInfo.InvariantCulture, $"      - {{ name: t{t}, unit: degC, nominal: {40 + t}, noise: 0.5, low: 0, high: 100 }}\n");
        }

        yaml.Append("areas:\n  - name: a1\n    lines:\n");
        for (var line = 0; line * 10 < machines; line++)
        {
            if (runsLine is not null && !runsLine(line))
            {
                continue;
            }

            yaml.Append(CultureInfo.InvariantCulture, $"      - name: l{line}\n        machines:\n");
            for (var m = line * 10; m < Math.Min(machines, (line + 1) * 10); m++)
            {
                yaml.Append(CultureInfo.InvariantCulture, $"          - {{ name: m{m}, type: cnc, operation: op{m % 10} }}\n");
            }
        }

        return PlantModelLoader.Load(yaml.ToString(), "bench-plant.yaml");
    }
}

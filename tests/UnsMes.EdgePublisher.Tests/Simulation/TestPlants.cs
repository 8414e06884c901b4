using UnsMes.EdgePublisher.Model;

namespace UnsMes.EdgePublisher.Tests.Simulation;

/// <summary>Small plant models that make one behaviour easy to see.</summary>
internal static class TestPlants
{
    /// <summary>Midnight UTC on a Monday: inside the round-the-clock shift of models without a calendar.</summary>
    public static readonly DateTimeOffset Start = new(2026, 11, 23, 0, 0, 0, TimeSpan.Zero);

    /// <summary>Two machines, no faults and no scrap: only flow, starving and blocking remain.</summary>
    public static PlantModel TwoMachineLine(int bufferCapacity = 5, double cycleS = 10, string? shifts = null) => PlantModelLoader.Load($$"""
        enterprise: acme
        site: s1
        {{shifts ?? ""}}
        machineTypes:
          plain:
            idealCycleTimeS: {{cycleS}}
        areas:
          - name: a1
            lines:
              - name: l1
                bufferCapacity: {{bufferCapacity}}
                machines:
                  - { name: m1, type: plain, operation: op10 }
                  - { name: m2, type: plain, operation: op20 }
        """, "two-machine.yaml");

    /// <summary>One machine with one frequent fault and a vibration precursor.</summary>
    public static PlantModel FaultyMachine(double mtbfMinutes = 30, double mttrMinutes = 3) => PlantModelLoader.Load($$"""
        enterprise: acme
        site: s1
        machineTypes:
          lathe:
            idealCycleTimeS: 20
            scrapRate: 0.01
            faults:
              - { reason: spindle_fault, text: "Spindle bearing failure", mtbfMinutes: {{mtbfMinutes}}, mttrMinutes: {{mttrMinutes}}, precursor: vibration, warningMinutes: 10 }
            tags:
              - { name: vibration, unit: mm/s, nominal: 2, noise: 0.01, low: 0, high: 7, driver: precursor }
        areas:
          - name: a1
            lines:
              - name: l1
                machines:
                  - { name: lathe1, type: lathe, operation: op10 }
        """, "faulty.yaml");
}

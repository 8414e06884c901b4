using MQTTnet.Protocol;
using UnsMes.Bench.Load;

namespace UnsMes.Bench.Scenarios;

/// <summary>The delivery scenarios of a run, in order, sized from the command line.</summary>
internal static class ScenarioCatalog
{
    private const int SmallPayload = 64;
    private const int LargePayload = 1024;

    /// <summary>A short burst per broker before anything is measured, so neither side is measured while it JIT-compiles.</summary>
    public static IReadOnlyList<DeliverySpec> WarmUp(BenchOptions options) =>
    [
        FanIn(options.Fan, MqttQualityOfServiceLevel.AtMostOnce, SmallPayload, Math.Min(20_000, options.Messages)),
        FanIn(options.Fan, MqttQualityOfServiceLevel.AtLeastOnce, SmallPayload, Math.Min(10_000, options.Messages)),
    ];

    public static IReadOnlyList<DeliverySpec> All(BenchOptions options)
    {
        var scenarios = new List<DeliverySpec>();
        foreach (var (qos, total) in new[] { (MqttQualityOfServiceLevel.AtMostOnce, options.Messages), (MqttQualityOfServiceLevel.AtLeastOnce, options.Messages / 2) })
        {
            foreach (var bytes in new[] { SmallPayload, LargePayload })
            {
                scenarios.Add(FanIn(options.Fan, qos, bytes, total));
            }
        }

        foreach (var (qos, total) in new[] { (MqttQualityOfServiceLevel.AtMostOnce, options.Messages), (MqttQualityOfServiceLevel.AtLeastOnce, options.Messages / 2) })
        {
            foreach (var bytes in new[] { SmallPayload, LargePayload })
            {
                scenarios.Add(FanOut(options.Fan, qos, bytes, total));
            }
        }

        var perPublisher = options.SteadyRate * options.SteadySeconds / options.Fan;
        scenarios.Add(new DeliverySpec(
            $"steady {options.SteadyRate:N0} msg/s for {options.SteadySeconds} s, {options.Fan}→1, QoS 1, 64 B", "steady-rate",
            options.Fan, 1, MqttQualityOfServiceLevel.AtLeastOnce, () => new StampedPayload(SmallPayload), perPublisher, options.SteadyRate));

        var contractPerPublisher = options.Messages / 2 / options.Fan;
        scenarios.Add(new DeliverySpec(
            $"contract-validated {options.Fan}→1, QoS 1, uns/…/_tag JSON", "contract-validated",
            options.Fan, 1, MqttQualityOfServiceLevel.AtLeastOnce, () => new NamespaceTagPayload(options.Fan, contractPerPublisher), contractPerPublisher,
            Note: "UnsMes validates every payload against the namespace contract; Mosquitto carries the same traffic unchecked"));
        return scenarios;
    }

    private static DeliverySpec FanIn(int fan, MqttQualityOfServiceLevel qos, int bytes, int delivered)
    {
        var shape = new StampedPayload(bytes);
        return new DeliverySpec($"fan-in {fan}→1, QoS {(int)qos}, {shape.Label}", "throughput", fan, 1, qos, () => new StampedPayload(bytes), delivered / fan);
    }

    private static DeliverySpec FanOut(int fan, MqttQualityOfServiceLevel qos, int bytes, int delivered)
    {
        var shape = new StampedPayload(bytes);
        return new DeliverySpec($"fan-out 1→{fan}, QoS {(int)qos}, {shape.Label}", "throughput", 1, fan, qos, () => new StampedPayload(bytes), delivered / fan);
    }
}

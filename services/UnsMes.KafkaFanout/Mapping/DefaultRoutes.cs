namespace UnsMes.KafkaFanout.Mapping;

/// <summary>
/// A few Kafka topics by what the payload is: latest values (compacted, keyed by UNS path so compaction keeps each
/// topic's newest value), events, work orders and master data (compacted), and the services' own system topics.
/// </summary>
public static class DefaultRoutes
{
    public static IReadOnlyList<KafkaRouteRule> All { get; } =
    [
        new() { Topic = "uns.values", Compact = true, Contracts = ["_state", "_count", "_tag", "_oee", "_wip", "_dispatch", "_progress"] },
        new() { Topic = "uns.events", Contracts = ["_event", "_downtime", "_opcompletion", "_consumption", "_labor", "_completion", "_cmd"] },
        new() { Topic = "uns.workorders", Compact = true, Contracts = ["_workorder", "_master"] },
        new() { Topic = "uns.system", Contracts = ["_status", "_deadletter"] },
    ];
}

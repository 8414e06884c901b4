using System.Text.Json.Serialization;

namespace UnsMes.Uns.Payloads;

/// <summary>The states a machine can be in; the OEE calculator classifies time by them.</summary>
[JsonConverter(typeof(WireEnumConverter<MachineState>))]
public enum MachineState
{
    [JsonStringEnumMemberName("running")] Running,
    [JsonStringEnumMemberName("idle")] Idle,
    /// <summary>Waiting for parts from upstream.</summary>
    [JsonStringEnumMemberName("starved")] Starved,
    /// <summary>Cannot pass parts downstream.</summary>
    [JsonStringEnumMemberName("blocked")] Blocked,
    /// <summary>Unplanned stop; the reason code says why.</summary>
    [JsonStringEnumMemberName("down")] Down,
    [JsonStringEnumMemberName("setup")] Setup,
    /// <summary>Planned stop (break, planned maintenance): outside planned busy time.</summary>
    [JsonStringEnumMemberName("planned_stop")] PlannedStop,
    /// <summary>The source cannot be reached; what the machine does is unknown.</summary>
    [JsonStringEnumMemberName("offline")] Offline,
}

/// <summary>How far a value can be trusted (OPC UA's three classes).</summary>
[JsonConverter(typeof(WireEnumConverter<Quality>))]
public enum Quality
{
    [JsonStringEnumMemberName("good")] Good,
    [JsonStringEnumMemberName("uncertain")] Uncertain,
    [JsonStringEnumMemberName("bad")] Bad,
}

[JsonConverter(typeof(WireEnumConverter<Severity>))]
public enum Severity
{
    [JsonStringEnumMemberName("info")] Info,
    [JsonStringEnumMemberName("warning")] Warning,
    [JsonStringEnumMemberName("alarm")] Alarm,
    [JsonStringEnumMemberName("critical")] Critical,
}

/// <summary>A work order's life on the floor, from release by the ERP to closing.</summary>
[JsonConverter(typeof(WireEnumConverter<WorkOrderStatus>))]
public enum WorkOrderStatus
{
    [JsonStringEnumMemberName("released")] Released,
    [JsonStringEnumMemberName("dispatched")] Dispatched,
    [JsonStringEnumMemberName("running")] Running,
    [JsonStringEnumMemberName("paused")] Paused,
    [JsonStringEnumMemberName("completed")] Completed,
    [JsonStringEnumMemberName("closed")] Closed,
    [JsonStringEnumMemberName("cancelled")] Cancelled,
}

[JsonConverter(typeof(WireEnumConverter<ServiceHealth>))]
public enum ServiceHealth
{
    [JsonStringEnumMemberName("healthy")] Healthy,
    [JsonStringEnumMemberName("degraded")] Degraded,
    [JsonStringEnumMemberName("unhealthy")] Unhealthy,
    /// <summary>Published as the MQTT will: the service went away without saying goodbye.</summary>
    [JsonStringEnumMemberName("offline")] Offline,
}

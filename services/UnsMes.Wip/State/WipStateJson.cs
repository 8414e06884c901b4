using System.Text.Json;
using System.Text.Json.Serialization;
using UnsMes.Uns.Payloads;
using UnsMes.Wip.Domain;

namespace UnsMes.Wip.State;

/// <summary>The tracker's snapshot as JSON; work orders inside it keep the namespace's own wire format.</summary>
internal static class WipStateJson
{
    public static string Write(WipState state) => JsonSerializer.Serialize(state, WipStateJsonContext.Default.WipState);

    public static WipState Read(string json) =>
        JsonSerializer.Deserialize(json, WipStateJsonContext.Default.WipState) ?? throw new JsonException("the WIP snapshot is empty");
}

[JsonSourceGenerationOptions(
    PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase,
    DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    Converters = [typeof(WireEnumConverter<WorkOrderStatus>)])]
[JsonSerializable(typeof(WipState))]
internal sealed partial class WipStateJsonContext : JsonSerializerContext;

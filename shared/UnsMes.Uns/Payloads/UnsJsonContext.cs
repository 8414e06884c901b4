using System.Text.Json;
using System.Text.Json.Serialization;

namespace UnsMes.Uns.Payloads;

/// <summary>
/// Source-generated JSON for every payload family. Strict on purpose: unknown fields, missing required fields and
/// nulls where a value is required are errors, so a typo at a publisher is caught at the broker, not downstream.
/// </summary>
[JsonSourceGenerationOptions(
    PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase,
    DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    UnmappedMemberHandling = JsonUnmappedMemberHandling.Disallow,
    RespectNullableAnnotations = true,
    RespectRequiredConstructorParameters = true,
    IgnoreReadOnlyProperties = true)]
[JsonSerializable(typeof(MachineStatePayload))]
[JsonSerializable(typeof(ProductionCountPayload))]
[JsonSerializable(typeof(ProcessValuePayload))]
[JsonSerializable(typeof(UnsEventPayload))]
[JsonSerializable(typeof(CommandPayload))]
[JsonSerializable(typeof(DowntimePayload))]
[JsonSerializable(typeof(OeePayload))]
[JsonSerializable(typeof(WorkOrderPayload))]
[JsonSerializable(typeof(DispatchPayload))]
[JsonSerializable(typeof(ProgressPayload))]
[JsonSerializable(typeof(WipPayload))]
[JsonSerializable(typeof(OperationCompletionPayload))]
[JsonSerializable(typeof(ConsumptionPayload))]
[JsonSerializable(typeof(LaborPayload))]
[JsonSerializable(typeof(CompletionPayload))]
[JsonSerializable(typeof(MasterDataPayload))]
[JsonSerializable(typeof(ServiceStatusPayload))]
[JsonSerializable(typeof(DeadLetterPayload))]
[JsonSerializable(typeof(double))]
public sealed partial class UnsJsonContext : JsonSerializerContext;

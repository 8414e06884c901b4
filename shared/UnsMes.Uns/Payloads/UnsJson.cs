using System.Buffers;
using System.Collections.Frozen;
using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using UnsMes.Uns.Topics;

namespace UnsMes.Uns.Payloads;

/// <summary>Serialization of payloads, and which payload type belongs to which topic family.</summary>
public static class UnsJson
{
    private static readonly FrozenDictionary<UnsContract, JsonTypeInfo> TypeInfos = new Dictionary<UnsContract, JsonTypeInfo>
    {
        [UnsContract.State] = UnsJsonContext.Default.MachineStatePayload,
        [UnsContract.Count] = UnsJsonContext.Default.ProductionCountPayload,
        [UnsContract.Tag] = UnsJsonContext.Default.ProcessValuePayload,
        [UnsContract.Event] = UnsJsonContext.Default.UnsEventPayload,
        [UnsContract.Command] = UnsJsonContext.Default.CommandPayload,
        [UnsContract.Downtime] = UnsJsonContext.Default.DowntimePayload,
        [UnsContract.Oee] = UnsJsonContext.Default.OeePayload,
        [UnsContract.WorkOrder] = UnsJsonContext.Default.WorkOrderPayload,
        [UnsContract.Dispatch] = UnsJsonContext.Default.DispatchPayload,
        [UnsContract.Progress] = UnsJsonContext.Default.ProgressPayload,
        [UnsContract.Wip] = UnsJsonContext.Default.WipPayload,
        [UnsContract.OperationCompletion] = UnsJsonContext.Default.OperationCompletionPayload,
        [UnsContract.Consumption] = UnsJsonContext.Default.ConsumptionPayload,
        [UnsContract.Labor] = UnsJsonContext.Default.LaborPayload,
        [UnsContract.Completion] = UnsJsonContext.Default.CompletionPayload,
        [UnsContract.Master] = UnsJsonContext.Default.MasterDataPayload,
        [UnsContract.Status] = UnsJsonContext.Default.ServiceStatusPayload,
        [UnsContract.DeadLetter] = UnsJsonContext.Default.DeadLetterPayload,
    }.ToFrozenDictionary();

    public static Type PayloadType(UnsContract contract) => TypeInfos[contract].Type;

    public static byte[] Serialize<T>(T payload)
        where T : IUnsPayload =>
        JsonSerializer.SerializeToUtf8Bytes(payload, (JsonTypeInfo<T>)UnsJsonContext.Default.GetTypeInfo(typeof(T))!);

    public static string SerializeToString<T>(T payload)
        where T : IUnsPayload =>
        JsonSerializer.Serialize(payload, (JsonTypeInfo<T>)UnsJsonContext.Default.GetTypeInfo(typeof(T))!);

    /// <summary>Reads a payload of the family's type; throws <see cref="JsonException"/> when the JSON does not fit.</summary>
    public static IUnsPayload? Deserialize(UnsContract contract, ReadOnlySequence<byte> utf8)
    {
        var reader = new Utf8JsonReader(utf8, new JsonReaderOptions { MaxDepth = 16 });
        return (IUnsPayload?)JsonSerializer.Deserialize(ref reader, TypeInfos[contract]);
    }

    public static T Deserialize<T>(ReadOnlySpan<byte> utf8)
        where T : IUnsPayload =>
        JsonSerializer.Deserialize(utf8, (JsonTypeInfo<T>)UnsJsonContext.Default.GetTypeInfo(typeof(T))!)
        ?? throw new JsonException("The payload is JSON null.");
}

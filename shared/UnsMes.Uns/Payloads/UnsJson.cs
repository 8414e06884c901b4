using System.Buffers;
using System.Collections.Frozen;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using UnsMes.Uns.Topics;

namespace UnsMes.Uns.Payloads;

/// <summary>Serialization of payloads, and which payload type belongs to which topic family.</summary>
public static class UnsJson
{
    // Payloads are read by people in MQTT Explorer; escaping quotes and non-ASCII (HTML safety) only hurts there.
    private static readonly UnsJsonContext Context = new(new JsonSerializerOptions(UnsJsonContext.Default.Options)
    {
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    });

    private static readonly FrozenDictionary<UnsContract, JsonTypeInfo> TypeInfos = new Dictionary<UnsContract, JsonTypeInfo>
    {
        [UnsContract.State] = Context.MachineStatePayload,
        [UnsContract.Count] = Context.ProductionCountPayload,
        [UnsContract.Tag] = Context.ProcessValuePayload,
        [UnsContract.Event] = Context.UnsEventPayload,
        [UnsContract.Command] = Context.CommandPayload,
        [UnsContract.Downtime] = Context.DowntimePayload,
        [UnsContract.Oee] = Context.OeePayload,
        [UnsContract.WorkOrder] = Context.WorkOrderPayload,
        [UnsContract.Dispatch] = Context.DispatchPayload,
        [UnsContract.Progress] = Context.ProgressPayload,
        [UnsContract.Wip] = Context.WipPayload,
        [UnsContract.OperationCompletion] = Context.OperationCompletionPayload,
        [UnsContract.Consumption] = Context.ConsumptionPayload,
        [UnsContract.Labor] = Context.LaborPayload,
        [UnsContract.Completion] = Context.CompletionPayload,
        [UnsContract.Master] = Context.MasterDataPayload,
        [UnsContract.Status] = Context.ServiceStatusPayload,
        [UnsContract.DeadLetter] = Context.DeadLetterPayload,
    }.ToFrozenDictionary();

    public static Type PayloadType(UnsContract contract) => TypeInfos[contract].Type;

    /// <summary>Serializes a payload; one typed only as <see cref="IUnsPayload"/> is serialized by its runtime type.</summary>
    public static byte[] Serialize<T>(T payload)
        where T : IUnsPayload =>
        typeof(T).IsInterface
            ? Serialize((IUnsPayload)payload)
            : JsonSerializer.SerializeToUtf8Bytes(payload, (JsonTypeInfo<T>)Context.GetTypeInfo(typeof(T))!);

    /// <summary>Serializes a payload by its runtime type (any of the families' records).</summary>
    public static byte[] Serialize(IUnsPayload payload) =>
        JsonSerializer.SerializeToUtf8Bytes(payload, Context.GetTypeInfo(payload.GetType())
            ?? throw new NotSupportedException($"{payload.GetType().Name} is not a namespace payload."));

    public static string SerializeToString<T>(T payload)
        where T : IUnsPayload =>
        JsonSerializer.Serialize(payload, (JsonTypeInfo<T>)Context.GetTypeInfo(typeof(T))!);

    /// <summary>Reads a payload of the family's type; throws <see cref="JsonException"/> when the JSON does not fit.</summary>
    public static IUnsPayload? Deserialize(UnsContract contract, ReadOnlySequence<byte> utf8)
    {
        var reader = new Utf8JsonReader(utf8, new JsonReaderOptions { MaxDepth = 16 });
        return (IUnsPayload?)JsonSerializer.Deserialize(ref reader, TypeInfos[contract]);
    }

    public static T Deserialize<T>(ReadOnlySpan<byte> utf8)
        where T : IUnsPayload =>
        JsonSerializer.Deserialize(utf8, (JsonTypeInfo<T>)Context.GetTypeInfo(typeof(T))!)
        ?? throw new JsonException("The payload is JSON null.");
}

using UnsMes.Uns.Topics;

namespace UnsMes.Uns.Payloads;

/// <summary><c>_master/{kind}/{id}</c>: one master-data record from the ERP (retained).</summary>
public sealed record MasterDataPayload : IUnsPayload
{
    public static readonly IReadOnlyList<string> Kinds = ["product", "material", "workcenter", "operation", "employee"];

    public required int V { get; init; }
    public required long Ts { get; init; }
    public required string Name { get; init; }
    public IReadOnlyDictionary<string, string>? Attributes { get; init; }

    public void AddProblems(UnsTopic topic, ProblemList problems)
    {
        if (!Kinds.Contains(topic.Tail[0]))
        {
            problems.Add($"topic: master-data kind '{topic.Tail[0]}' is not one of {string.Join(", ", Kinds)}");
        }

        problems.NotBlank("name", Name);
    }
}

/// <summary><c>_status/{service}</c>: a service's health and key figures (retained; the MQTT will sets it offline).</summary>
public sealed record ServiceStatusPayload : IUnsPayload
{
    public required int V { get; init; }
    public required long Ts { get; init; }
    public required ServiceHealth Health { get; init; }
    public string? Instance { get; init; }
    public string? Version { get; init; }
    /// <summary>Figures an operator looks at first (queue depth, lag, ...), as text.</summary>
    public IReadOnlyDictionary<string, string>? Detail { get; init; }

    public void AddProblems(UnsTopic topic, ProblemList problems)
    {
    }
}

/// <summary>
/// <c>_deadletter/{source}</c>: a message that was not accepted, why, and where it came from (not retained).
/// The payload is kept as text when it is UTF-8, else base64, cut at <see cref="MaxKeptBytes"/>.
/// </summary>
public sealed record DeadLetterPayload : IUnsPayload
{
    public const int MaxKeptBytes = 4096;

    public required int V { get; init; }
    public required long Ts { get; init; }
    public required string Reason { get; init; }
    public required string OriginalTopic { get; init; }
    public string? SenderClientId { get; init; }
    public string? SenderUser { get; init; }
    public required long PayloadBytes { get; init; }
    public string? PayloadText { get; init; }
    public string? PayloadBase64 { get; init; }
    public bool PayloadTruncated { get; init; }

    public void AddProblems(UnsTopic topic, ProblemList problems) => problems.NotBlank("reason", Reason);

    /// <summary>A dead letter for a refused message: its payload kept as text when it is UTF-8, else base64, cut at <see cref="MaxKeptBytes"/>.</summary>
    public static DeadLetterPayload For(long ts, string reason, string originalTopic, System.Buffers.ReadOnlySequence<byte> payload, string? senderClientId = null, string? senderUser = null)
    {
        var kept = payload.Length > MaxKeptBytes ? payload.Slice(0, MaxKeptBytes) : payload;
        var bytes = System.Buffers.BuffersExtensions.ToArray(kept);
        var isText = System.Text.Unicode.Utf8.IsValid(bytes) && !bytes.Contains((byte)0);
        return new DeadLetterPayload
        {
            V = UnsSchema.Version,
            Ts = ts,
            Reason = reason,
            OriginalTopic = originalTopic,
            SenderClientId = senderClientId,
            SenderUser = senderUser,
            PayloadBytes = payload.Length,
            PayloadText = isText ? System.Text.Encoding.UTF8.GetString(bytes) : null,
            PayloadBase64 = isText ? null : Convert.ToBase64String(bytes),
            PayloadTruncated = kept.Length < payload.Length,
        };
    }
}

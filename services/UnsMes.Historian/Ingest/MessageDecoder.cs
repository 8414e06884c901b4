using System.Buffers;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using UnsMes.Historian.Model;
using UnsMes.Uns.Payloads;
using UnsMes.Uns.Topics;

namespace UnsMes.Historian.Ingest;

/// <summary>
/// Turns a namespace message into what the historian stores. Time series families become values of tags named by
/// their topic: <c>_tag/{tag}</c> one value; <c>_state</c> the state as text (at <c>since</c>, when the machine entered
/// it); <c>_count</c> the tags <c>.../_count/good</c> and <c>.../_count/scrap</c>; <c>_oee/{window}</c> the tags
/// <c>.../_oee/{window}/oee</c>, <c>availability</c>, <c>performance</c>, <c>quality</c>. Every other family is kept
/// as an event with its JSON. Throws <see cref="RejectedMessageException"/> with the reason for what cannot be stored.
/// </summary>
internal static class MessageDecoder
{
    private static readonly string[] OeeFigures = ["oee", "availability", "performance", "quality"];

    public static Decoded Decode(string topicText, ReadOnlySequence<byte> payload, long receivedTs, int maxStringLength) =>
        Decode(UnsTopic.TryParse(topicText, out var topic, out var problem) ? topic : throw new RejectedMessageException(problem), topicText, payload, receivedTs, maxStringLength);

    public static Decoded Decode(UnsTopic topic, string topicText, ReadOnlySequence<byte> payload, long receivedTs, int maxStringLength)
    {
        if (topic.Contract == UnsContract.Tag)
        {
            // The bulk of the namespace: read in one pass, without building a document.
            return new Decoded([TagMessage.Read(topicText, payload, receivedTs, maxStringLength)], null);
        }

        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(payload, new JsonDocumentOptions { MaxDepth = 32 });
        }
        catch (JsonException ex)
        {
            throw new RejectedMessageException($"the payload is not JSON: {ex.Message}");
        }

        using (document)
        {
            var root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Object)
            {
                throw new RejectedMessageException("the payload is not a JSON object");
            }

            var ts = Long(root, "ts") ?? throw new RejectedMessageException("$.ts: missing (the source timestamp, epoch ms)");
            var historical = root.TryGetProperty("historical", out var h) && h.ValueKind == JsonValueKind.True;
            switch (topic.Contract)
            {
                case UnsContract.State:
                    var state = root.TryGetProperty("state", out var s) && s.ValueKind == JsonValueKind.String
                        ? s.GetString()!
                        : throw new RejectedMessageException("$.state: missing");
                    var since = Long(root, "since") ?? ts;
                    return new Decoded([new HistoryPoint(topicText, since, receivedTs, TagKind.Text, 0, state, Quality.Good, historical)], null);
                case UnsContract.Count:
                    var unit = root.TryGetProperty("unit", out var u) && u.ValueKind == JsonValueKind.String ? u.GetString()! : "";
                    return new Decoded(
                    [
                        new HistoryPoint($"{topicText}/good", ts, receivedTs, TagKind.Number, Number(root, "good"), null, Quality.Good, historical, unit),
                        new HistoryPoint($"{topicText}/scrap", ts, receivedTs, TagKind.Number, Number(root, "scrap"), null, Quality.Good, historical, unit),
                    ], null);
                case UnsContract.Oee:
                    return new Decoded([.. OeeFigures.Select(f => new HistoryPoint($"{topicText}/{f}", ts, receivedTs, TagKind.Number, Number(root, f), null, Quality.Good, historical))], null);
                default:
                    return new Decoded([], Event(topic, topicText, payload, root, ts, receivedTs, historical));
            }
        }
    }

    internal static HistoryPoint Text(string tag, string text, long ts, long receivedTs, Quality quality, bool historical, string unit, int maxStringLength)
    {
        if (text.Length > maxStringLength)
        {
            throw new RejectedMessageException($"$.value: a string of {text.Length} characters is longer than the historian keeps ({maxStringLength})");
        }

        // PostgreSQL text cannot hold U+0000; refusing it in both stores keeps them alike (and keeps a batch from failing forever).
        return text.Contains('\0', StringComparison.Ordinal)
            ? throw new RejectedMessageException("$.value: a string with a NUL character (U+0000) cannot be stored")
            : new HistoryPoint(tag, ts, receivedTs, TagKind.Text, 0, text, quality, historical, unit);
    }

    private static HistoryEvent Event(UnsTopic topic, string topicText, ReadOnlySequence<byte> payload, JsonElement root, long ts, long receivedTs, bool historical)
    {
        var type = topic.Contract == UnsContract.Event ? topic.Name : topic.Spec.Segment[1..];
        var hash = SHA256.HashData(Encoding.UTF8.GetBytes(topicText).Concat(payload.ToArray()).ToArray());
        var id = BitConverter.ToInt64(hash, 0) & long.MaxValue;
        var json = root.GetRawText();
        if (json.Contains("\\u0000", StringComparison.OrdinalIgnoreCase))
        {
            throw new RejectedMessageException("a string with a NUL character (\\u0000) cannot be stored (PostgreSQL's jsonb refuses it)");
        }

        return new HistoryEvent(id, topic.Path.ToString(), type, ts, receivedTs, historical, json);
    }

    private static long? Long(JsonElement root, string name) =>
        root.TryGetProperty(name, out var p) && p.ValueKind == JsonValueKind.Number && p.TryGetInt64(out var v) ? v : null;

    private static double Number(JsonElement root, string name) =>
        root.TryGetProperty(name, out var p) && p.ValueKind == JsonValueKind.Number && p.TryGetDouble(out var v) && double.IsFinite(v)
            ? v
            : throw new RejectedMessageException($"$.{name}: missing or not a finite number");
}

/// <summary>What one message becomes: values and/or an event.</summary>
internal sealed record Decoded(IReadOnlyList<HistoryPoint> Points, HistoryEvent? Event);

/// <summary>A message the historian cannot store; the message says why (it goes into the dead letter).</summary>
internal sealed class RejectedMessageException(string reason) : Exception(reason);

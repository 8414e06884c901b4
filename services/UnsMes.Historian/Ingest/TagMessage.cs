using System.Buffers;
using System.Text.Json;
using UnsMes.Historian.Model;
using UnsMes.Uns.Payloads;

namespace UnsMes.Historian.Ingest;

/// <summary>
/// Reads a <c>_tag</c> message in one pass over its bytes (no document is built): the bulk of what the historian
/// receives. Accepts and refuses exactly what reading it as a <see cref="JsonDocument"/> would, with the same reasons
/// in the same order: the whole payload must be JSON first, then the fields are checked; a repeated field counts by
/// its last occurrence.
/// </summary>
internal static class TagMessage
{
    private static readonly JsonReaderOptions ReaderOptions = new() { MaxDepth = 32 };

    public static HistoryPoint Read(string tag, ReadOnlySequence<byte> payload, long receivedTs, int maxStringLength)
    {
        var fields = default(Fields);
        var isObject = false;
        try
        {
            var reader = new Utf8JsonReader(payload, ReaderOptions);
            if (reader.Read())
            {
                isObject = reader.TokenType == JsonTokenType.StartObject;
                if (isObject)
                {
                    ReadFields(ref reader, ref fields);
                }
                else
                {
                    reader.Skip();
                }

                // Anything after the root value other than white space is not JSON.
                _ = reader.Read();
            }
            else
            {
                // An empty payload: let the reader say why (it throws on an empty final block).
                throw new JsonException("the payload is empty");
            }
        }
        catch (JsonException ex)
        {
            throw new RejectedMessageException($"the payload is not JSON: {ex.Message}");
        }

        if (!isObject)
        {
            throw new RejectedMessageException("the payload is not a JSON object");
        }

        var ts = fields.Ts ?? throw new RejectedMessageException("$.ts: missing (the source timestamp, epoch ms)");
        if (fields.ValueToken == JsonTokenType.None)
        {
            throw new RejectedMessageException("$.value: missing");
        }

        var quality = fields.Quality switch
        {
            null or "good" => Quality.Good,
            "uncertain" => Quality.Uncertain,
            "bad" => Quality.Bad,
            var other => throw new RejectedMessageException($"$.quality: '{other}' is not good, uncertain or bad"),
        };
        var unit = fields.Unit ?? "";
        return fields.ValueToken switch
        {
            JsonTokenType.Number => fields.IsFiniteNumber
                ? new HistoryPoint(tag, ts, receivedTs, TagKind.Number, fields.Number, null, quality, fields.Historical, unit)
                : throw new RejectedMessageException("$.value: not a finite number (does not fit a 64-bit float)"),
            JsonTokenType.True or JsonTokenType.False => new HistoryPoint(tag, ts, receivedTs, TagKind.Boolean, fields.ValueToken == JsonTokenType.True ? 1 : 0, null, quality, fields.Historical, unit),
            JsonTokenType.String => MessageDecoder.Text(tag, fields.Text!, ts, receivedTs, quality, fields.Historical, unit, maxStringLength),
            var other => throw new RejectedMessageException($"$.value: a JSON {KindName(other)} is not a value (number, boolean or string)"),
        };
    }

    private static void ReadFields(ref Utf8JsonReader reader, ref Fields fields)
    {
        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            var field = reader.ValueTextEquals("ts"u8) ? Field.Ts
                : reader.ValueTextEquals("value"u8) ? Field.Value
                : reader.ValueTextEquals("unit"u8) ? Field.Unit
                : reader.ValueTextEquals("quality"u8) ? Field.Quality
                : reader.ValueTextEquals("historical"u8) ? Field.Historical
                : Field.Other;
            reader.Read();
            var token = reader.TokenType;
            switch (field)
            {
                case Field.Ts:
                    fields.Ts = token == JsonTokenType.Number && reader.TryGetInt64(out var ts) ? ts : null;
                    break;
                case Field.Value:
                    fields.ValueToken = token;
                    fields.IsFiniteNumber = token == JsonTokenType.Number && reader.TryGetDouble(out fields.Number) && double.IsFinite(fields.Number);
                    fields.Text = token == JsonTokenType.String ? reader.GetString() : null;
                    break;
                case Field.Unit:
                    fields.Unit = token == JsonTokenType.String ? reader.GetString() : null;
                    break;
                case Field.Quality:
                    fields.Quality = token != JsonTokenType.String ? null
                        : reader.ValueTextEquals("good"u8) ? "good"
                        : reader.ValueTextEquals("uncertain"u8) ? "uncertain"
                        : reader.ValueTextEquals("bad"u8) ? "bad"
                        : reader.GetString();
                    break;
                case Field.Historical:
                    fields.Historical = token == JsonTokenType.True;
                    break;
            }

            if (token is JsonTokenType.StartObject or JsonTokenType.StartArray)
            {
                reader.Skip();
            }
        }
    }

    private static string KindName(JsonTokenType token) => token switch
    {
        JsonTokenType.StartObject => "object",
        JsonTokenType.StartArray => "array",
        _ => "null",
    };

    private enum Field
    {
        Other,
        Ts,
        Value,
        Unit,
        Quality,
        Historical,
    }

    private struct Fields
    {
        public long? Ts;
        public JsonTokenType ValueToken;
        public bool IsFiniteNumber;
        public double Number;
        public string? Text;
        public string? Unit;
        public string? Quality;
        public bool Historical;
    }
}

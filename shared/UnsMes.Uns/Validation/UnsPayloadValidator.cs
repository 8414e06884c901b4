using System.Buffers;
using System.Text.Json;
using System.Text.RegularExpressions;
using UnsMes.Uns.Payloads;
using UnsMes.Uns.Topics;

namespace UnsMes.Uns.Validation;

/// <summary>
/// Checks a message against the namespace contract: a legal topic, a payload of the family's schema, a supported
/// schema version, a plausible timestamp, and the family's own rules. Says precisely what is wrong.
/// </summary>
public sealed partial class UnsPayloadValidator(TimeProvider time, TimeSpan futureTolerance)
{
    /// <summary>How far ahead of this clock a source timestamp may be before it counts as wrong.</summary>
    public static readonly TimeSpan DefaultFutureTolerance = TimeSpan.FromMinutes(5);

    private const int MaxProblemsReported = 5;

    public UnsPayloadValidator(TimeProvider time)
        : this(time, DefaultFutureTolerance)
    {
    }

    public UnsValidation Validate(string topic, ReadOnlySequence<byte> payload) =>
        UnsTopic.TryParse(topic, out var parsed, out var problem)
            ? Validate(parsed, payload)
            : UnsValidation.Invalid(null, problem);

    public UnsValidation Validate(UnsTopic topic, ReadOnlySequence<byte> payload)
    {
        if (payload.IsEmpty)
        {
            // An empty retained message is how MQTT deletes retained state; on event families it carries nothing.
            return topic.Spec.Retained
                ? new UnsValidation(topic, null, null)
                : UnsValidation.Invalid(topic, $"{topic.Spec.Segment} messages need a JSON payload; this one is empty");
        }

        IUnsPayload? payloadObject;
        try
        {
            payloadObject = UnsJson.Deserialize(topic.Contract, payload);
        }
        catch (JsonException ex)
        {
            return UnsValidation.Invalid(topic, $"payload is not a valid {topic.Spec.Segment} message: {Describe(ex)}");
        }
        catch (InvalidOperationException ex)
        {
            // Thrown by the reader for some malformed input (e.g. invalid UTF-8 in a string).
            return UnsValidation.Invalid(topic, $"payload is not a valid {topic.Spec.Segment} message: {ex.Message}");
        }

        if (payloadObject is null)
        {
            return UnsValidation.Invalid(topic, "payload is JSON null; a JSON object is expected");
        }

        var problems = new ProblemList();
        AddVersionAndTimeProblems(payloadObject, problems);
        payloadObject.AddProblems(topic, problems);
        if (problems.Count == 0)
        {
            return new UnsValidation(topic, payloadObject, null);
        }

        var reported = string.Join("; ", problems.Items.Take(MaxProblemsReported));
        return UnsValidation.Invalid(topic, problems.Count > MaxProblemsReported ? reported + "; ..." : reported);
    }

    private void AddVersionAndTimeProblems(IUnsPayload payload, ProblemList problems)
    {
        if (payload.V is < UnsSchema.OldestReadable or > UnsSchema.Version)
        {
            problems.Add($"$.v: schema version {payload.V} is not supported (this build reads {UnsSchema.OldestReadable} to {UnsSchema.Version})");
        }

        if (payload.Ts < UnsTime.Earliest)
        {
            problems.Add($"$.ts: {payload.Ts} is not a UTC epoch-millisecond timestamp after 2000-01-01 (seconds instead of milliseconds?)");
            return;
        }

        var aheadMs = payload.Ts - UnsTime.Now(time);
        if (payload.Ts > UnsTime.Latest)
        {
            problems.Add($"$.ts: {payload.Ts} is far in the future, not a UTC epoch-millisecond timestamp (microseconds or nanoseconds instead of milliseconds?)");
        }
        else if (aheadMs > futureTolerance.TotalMilliseconds)
        {
            problems.Add($"$.ts: {UnsTime.ToDateTime(payload.Ts):O} is {aheadMs / 1000.0:0} s in the future (tolerance {futureTolerance.TotalSeconds:0} s; is the source clock right?)");
        }
    }

    private static string Describe(JsonException ex)
    {
        // The serializer's own message names .NET types; keep the part a publisher can act on and the JSON path.
        var message = ex.Message;
        var cut = message.IndexOf(" Path:", StringComparison.Ordinal);
        if (cut > 0)
        {
            message = message[..cut];
        }

        message = message.Replace("UnsMes.Uns.Payloads.", "", StringComparison.Ordinal);
        var unknown = UnknownField().Match(message);
        if (unknown.Success)
        {
            message = $"unknown field '{unknown.Groups[1].Value}' (check its spelling against uns-topics.md)";
        }

        if (message.StartsWith("The JSON value could not be converted to", StringComparison.Ordinal))
        {
            // The serializer names the .NET type it was filling; the publisher needs to know what JSON belongs there.
            message = ex.Path is null or "$"
                ? "a JSON object is expected"
                : "the value has the wrong JSON type for this field (a number, string, boolean, object or array as uns-topics.md shows)";
        }

        var missing = MissingFields().Match(message);
        if (missing.Success)
        {
            message = $"missing required field(s) {missing.Groups[1].Value}";
        }

        return ex.Path is { Length: > 0 } path && !message.Contains(path, StringComparison.Ordinal) ? $"{path}: {message}" : message;
    }

    [GeneratedRegex("^The JSON property '(.*)' could not be mapped")]
    private static partial Regex UnknownField();

    [GeneratedRegex("missing required properties including: (.*)\\.$")]
    private static partial Regex MissingFields();
}

using System.Text.Json.Serialization;
using System.Text.Json;
using UnsMes.Uns.Topics;

namespace UnsMes.Uns.Payloads;

/// <summary><c>_tag/{tag}</c>: one process value (retained), one tag per topic.</summary>
public sealed record ProcessValuePayload : IUnsPayload
{
    public required int V { get; init; }
    public required long Ts { get; init; }
    /// <summary>A number, a boolean or a string.</summary>
    public required JsonElement Value { get; init; }
    /// <summary>Engineering unit ("degC", "kW", "mm/s", "%"); empty for booleans, strings and plain counts.</summary>
    public required string Unit { get; init; }
    public required Quality Quality { get; init; }
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingDefault)]
    public bool Historical { get; init; }

    public static ProcessValuePayload Number(long ts, double value, string unit, Quality quality = Quality.Good, bool historical = false) =>
        new() { V = UnsSchema.Version, Ts = ts, Value = JsonSerializer.SerializeToElement(value, UnsJsonContext.Default.Double), Unit = unit, Quality = quality, Historical = historical };

    public void AddProblems(UnsTopic topic, ProblemList problems)
    {
        if (Value.ValueKind is not (JsonValueKind.Number or JsonValueKind.True or JsonValueKind.False or JsonValueKind.String))
        {
            problems.Add($"$.value: a JSON {Value.ValueKind.ToString().ToLowerInvariant()} is not a process value (number, boolean or string)");
        }
        else if (Value.ValueKind == JsonValueKind.Number && !double.IsFinite(Value.GetDouble()))
        {
            problems.Add("$.value: the number does not fit a 64-bit float");
        }
        else if (Value.ValueKind == JsonValueKind.String && Value.GetString()!.Length > MaxStringLength)
        {
            problems.Add($"$.value: a string value is limited to {MaxStringLength} characters");
        }
    }

    public const int MaxStringLength = 4096;
}

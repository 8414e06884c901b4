using System.Collections.Frozen;
using System.Reflection;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace UnsMes.Uns.Payloads;

/// <summary>
/// Reads and writes an enum by the wire names given with <see cref="JsonStringEnumMemberNameAttribute"/>, and
/// answers an unknown name with the list of names that are allowed (the built-in converter only says "could
/// not be converted").
/// </summary>
public sealed class WireEnumConverter<T> : JsonConverter<T>
    where T : struct, Enum
{
    private static readonly FrozenDictionary<string, T> ByName = typeof(T)
        .GetFields(BindingFlags.Public | BindingFlags.Static)
        .ToFrozenDictionary(WireName, f => (T)f.GetValue(null)!, StringComparer.Ordinal);

    private static readonly FrozenDictionary<T, string> ByValue = ByName.ToFrozenDictionary(p => p.Value, p => p.Key);

    private static readonly string Allowed = string.Join(", ", ByName.Keys.Order(StringComparer.Ordinal));

    public override T Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        if (reader.TokenType != JsonTokenType.String)
        {
            throw new JsonException($"expected one of {Allowed} as a string, found {reader.TokenType}");
        }

        var name = reader.GetString()!;
        return ByName.TryGetValue(name, out var value)
            ? value
            : throw new JsonException($"'{name}' is not one of {Allowed}");
    }

    public override void Write(Utf8JsonWriter writer, T value, JsonSerializerOptions options) =>
        writer.WriteStringValue(ByValue[value]);

    private static string WireName(FieldInfo field) =>
        field.GetCustomAttribute<JsonStringEnumMemberNameAttribute>()?.Name ?? field.Name;
}

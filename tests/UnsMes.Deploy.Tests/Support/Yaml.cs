using YamlDotNet.Core;
using YamlDotNet.Core.Events;
using YamlDotNet.Serialization;

namespace UnsMes.Deploy.Tests.Support;

/// <summary>
/// A read-only view of an untyped YAML value (mapping, sequence or scalar) that tolerates missing keys, so a
/// check reads like the manifest: <c>pod["spec"]["securityContext"]["runAsNonRoot"].Text</c>.
/// </summary>
internal sealed class Yaml(object? value)
{
    private static readonly IDeserializer Deserializer = new DeserializerBuilder().Build();

    public static Yaml Missing { get; } = new(null);

    public object? Value { get; } = value;

    public bool Exists => Value is not null;

    /// <summary>The scalar as text; null for a mapping, a sequence or a missing value.</summary>
    public string? Text => Value as string;

    public Yaml this[string key] =>
        Value is IDictionary<object, object> map && map.TryGetValue(key, out var child) ? new Yaml(child) : Missing;

    /// <summary>The items of a sequence; empty for anything else.</summary>
    public IEnumerable<Yaml> Items => Value is IList<object> list ? list.Select(item => new Yaml(item)) : [];

    /// <summary>The entries of a mapping; empty for anything else.</summary>
    public IEnumerable<KeyValuePair<string, Yaml>> Entries =>
        Value is IDictionary<object, object> map
            ? map.Select(entry => new KeyValuePair<string, Yaml>((string)entry.Key, new Yaml(entry.Value)))
            : [];

    public override string ToString() => Text ?? Value?.GetType().Name ?? "(missing)";

    /// <summary>Every document of a multi-document YAML stream (what kubectl kustomize prints).</summary>
    public static IReadOnlyList<Yaml> ParseDocuments(string text)
    {
        var documents = new List<Yaml>();
        var parser = new Parser(new StringReader(text));
        parser.Consume<StreamStart>();
        while (parser.Accept<DocumentStart>(out _))
        {
            documents.Add(new Yaml(Deserializer.Deserialize<object>(parser)));
        }

        return documents;
    }
}

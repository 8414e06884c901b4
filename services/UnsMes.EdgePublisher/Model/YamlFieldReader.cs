using System.Globalization;
using YamlDotNet.RepresentationModel;

namespace UnsMes.EdgePublisher.Model;

/// <summary>
/// Reads fields from YAML mappings and remembers every problem with its file, line, column and field path, so a
/// plant engineer sees all mistakes of a model at once, each pointing at the line to fix.
/// </summary>
internal sealed class YamlFieldReader(string file)
{
    private readonly List<string> _problems = [];

    public IReadOnlyList<string> Problems => _problems;

    public void Problem(YamlNode node, string path, string message) =>
        _problems.Add($"{file}:{node.Start.Line}:{node.Start.Column}: {path}: {message}");

    public YamlMappingNode? Mapping(YamlNode node, string path)
    {
        if (node is YamlMappingNode mapping)
        {
            return mapping;
        }

        Problem(node, path, "expected a mapping (name: value lines)");
        return null;
    }

    public IReadOnlyList<YamlNode> Sequence(YamlMappingNode parent, string key, string path, bool required)
    {
        var node = Find(parent, key);
        if (node is null)
        {
            if (required)
            {
                Problem(parent, path, $"'{key}' is missing");
            }

            return [];
        }

        if (node is YamlSequenceNode sequence)
        {
            return [.. sequence.Children];
        }

        Problem(node, $"{path}.{key}", "expected a list (lines starting with '- ')");
        return [];
    }

    public YamlMappingNode? Child(YamlMappingNode parent, string key, string path) =>
        Find(parent, key) is { } node ? Mapping(node, $"{path}.{key}") : null;

    public string? String(YamlMappingNode parent, string key, string path, bool required = true, string? fallback = null)
    {
        var node = Find(parent, key);
        if (node is null)
        {
            if (required)
            {
                Problem(parent, path, $"'{key}' is missing");
            }

            return fallback;
        }

        if (node is YamlScalarNode { Value: { Length: > 0 } value })
        {
            return value;
        }

        Problem(node, $"{path}.{key}", "expected a text value");
        return fallback;
    }

    /// <summary>A name that becomes a topic level: it must follow the namespace's naming rules.</summary>
    public string Name(YamlMappingNode parent, string key, string path)
    {
        var value = String(parent, key, path);
        if (value is null)
        {
            return "invalid";
        }

        var problem = UnsMes.Uns.Topics.UnsName.Problem(value);
        if (problem is not null)
        {
            Problem(Find(parent, key)!, $"{path}.{key}", problem);
            return "invalid";
        }

        return value;
    }

    public double Number(YamlMappingNode parent, string key, string path, double? fallback, double min, double max)
    {
        var node = Find(parent, key);
        if (node is null)
        {
            if (fallback is null)
            {
                Problem(parent, path, $"'{key}' is missing");
            }

            return fallback ?? min;
        }

        if (node is not YamlScalarNode scalar || !double.TryParse(scalar.Value, NumberStyles.Float, CultureInfo.InvariantCulture, out var value))
        {
            Problem(node, $"{path}.{key}", $"'{(node as YamlScalarNode)?.Value}' is not a number");
            return fallback ?? min;
        }

        if (value < min || value > max || !double.IsFinite(value))
        {
            Problem(node, $"{path}.{key}", $"{value.ToString(CultureInfo.InvariantCulture)} is outside [{min.ToString(CultureInfo.InvariantCulture)}, {max.ToString(CultureInfo.InvariantCulture)}]");
            return Math.Clamp(value, min, max);
        }

        return value;
    }

    public bool Boolean(YamlMappingNode parent, string key, string path, bool fallback)
    {
        var node = Find(parent, key);
        if (node is null)
        {
            return fallback;
        }

        if (node is YamlScalarNode scalar && bool.TryParse(scalar.Value, out var value))
        {
            return value;
        }

        Problem(node, $"{path}.{key}", "expected true or false");
        return fallback;
    }

    /// <summary>A time of day written "HH:mm".</summary>
    public TimeSpan TimeOfDay(YamlMappingNode parent, string key, string path)
    {
        var text = String(parent, key, path);
        if (text is not null && TimeSpan.TryParseExact(text, @"hh\:mm", CultureInfo.InvariantCulture, out var time) && time < TimeSpan.FromHours(24))
        {
            return time;
        }

        if (text is not null)
        {
            Problem(Find(parent, key)!, $"{path}.{key}", $"'{text}' is not a time of day like 06:00");
        }

        return TimeSpan.Zero;
    }

    /// <summary>Flags keys the model does not know, which are almost always typos.</summary>
    public void OnlyKnownKeys(YamlMappingNode mapping, string path, params string[] known)
    {
        foreach (var (key, _) in mapping.Children)
        {
            if (key is YamlScalarNode { Value: { } name } && !known.Contains(name))
            {
                Problem(key, path, $"unknown field '{name}' (known: {string.Join(", ", known)})");
            }
        }
    }

    private static YamlNode? Find(YamlMappingNode parent, string key) =>
        parent.Children.TryGetValue(new YamlScalarNode(key), out var node) ? node : null;
}

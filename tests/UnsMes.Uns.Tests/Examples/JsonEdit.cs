using System.Globalization;
using System.Text.Json.Nodes;

namespace UnsMes.Uns.Tests.Examples;

/// <summary>
/// Breaks one thing in a valid example. Paths are dotted with array indexes, as the validator reports them:
/// <c>losses.setupS</c>, <c>routing[2].operation</c>.
/// </summary>
public static class JsonEdit
{
    /// <summary>The JSON with the field at <paramref name="path"/> set to <paramref name="value"/> (null writes JSON null).</summary>
    public static string With(this string json, string path, JsonNode? value)
    {
        var root = JsonNode.Parse(json)!;
        var (parent, name) = Locate(root, path);
        parent[name] = value;
        return root.ToJsonString();
    }

    /// <summary>The JSON without the field at <paramref name="path"/>.</summary>
    public static string Without(this string json, string path)
    {
        var root = JsonNode.Parse(json)!;
        var (parent, name) = Locate(root, path);
        if (!parent.Remove(name))
        {
            throw new ArgumentException($"The example has no field '{path}'.", nameof(path));
        }

        return root.ToJsonString();
    }

    private static (JsonObject Parent, string Name) Locate(JsonNode root, string path)
    {
        var steps = path.Split('.');
        var node = root;
        foreach (var step in steps[..^1])
        {
            node = Step(node, step);
        }

        return (node.AsObject(), steps[^1]);
    }

    private static JsonNode Step(JsonNode node, string step)
    {
        var bracket = step.IndexOf('[', StringComparison.Ordinal);
        if (bracket < 0)
        {
            return node[step] ?? throw new ArgumentException($"The example has no object '{step}'.", nameof(step));
        }

        var index = int.Parse(step[(bracket + 1)..^1], CultureInfo.InvariantCulture);
        return node[step[..bracket]]![index]!;
    }
}

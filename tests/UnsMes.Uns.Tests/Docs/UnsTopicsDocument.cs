using System.Text.RegularExpressions;

namespace UnsMes.Uns.Tests.Docs;

/// <summary>uns-topics.md (embedded in the test assembly): its summary table and its examples.</summary>
public static partial class UnsTopicsDocument
{
    public static string Text { get; } = Load();

    /// <summary>Each "**Example:** `topic`" followed by a json block.</summary>
    public static IReadOnlyList<(string Topic, string Json)> Examples { get; } =
        [.. ExamplePattern().Matches(Text).Select(m => (m.Groups["topic"].Value, m.Groups["json"].Value))];

    /// <summary>The rows of the summary table, by family segment: the cells after the family column.</summary>
    public static IReadOnlyDictionary<string, string[]> SummaryRows { get; } = Text
        .Split('\n')
        .Where(line => line.StartsWith("| `_", StringComparison.Ordinal))
        .Select(line => line.Trim().Trim('|').Split('|').Select(cell => cell.Trim().Trim('`')).ToArray())
        .ToDictionary(cells => cells[0], cells => cells[1..], StringComparer.Ordinal);

    private static string Load()
    {
        using var stream = typeof(UnsTopicsDocument).Assembly.GetManifestResourceStream("uns-topics.md")
            ?? throw new InvalidOperationException("uns-topics.md is not embedded in the test assembly.");
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd().Replace("\r\n", "\n", StringComparison.Ordinal);
    }

    [GeneratedRegex(@"\*\*Example:\*\* `(?<topic>[^`]+)`\s*\n```json\n(?<json>.*?)\n```", RegexOptions.Singleline)]
    private static partial Regex ExamplePattern();
}

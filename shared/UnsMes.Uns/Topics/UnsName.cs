namespace UnsMes.Uns.Topics;

/// <summary>
/// Rules for one topic segment chosen by people (an enterprise, a machine, a tag, a work order id).
/// Only <c>[A-Za-z0-9_-]</c> is allowed so a name survives MQTT wildcards, Kafka topic names, file names and
/// URLs unchanged; a leading underscore is reserved for contract segments such as <c>_state</c>.
/// </summary>
public static class UnsName
{
    public const int MaxLength = 64;

    /// <summary>Returns null when <paramref name="name"/> is legal, else a sentence saying why not.</summary>
    public static string? Problem(string? name)
    {
        if (string.IsNullOrEmpty(name))
        {
            return "a name must not be empty";
        }

        if (name.Length > MaxLength)
        {
            return $"'{Shorten(name)}' is {name.Length} characters long; at most {MaxLength} are allowed";
        }

        if (name[0] == '_')
        {
            return $"'{name}' starts with '_', which is reserved for contract segments such as _state";
        }

        foreach (var c in name)
        {
            if (!IsAllowed(c))
            {
                return $"'{Shorten(name)}' contains '{Describe(c)}'; only letters, digits, '_' and '-' are allowed";
            }
        }

        return null;
    }

    public static bool IsLegal(string? name) => Problem(name) is null;

    /// <summary>Throws <see cref="ArgumentException"/> with the reason when the name is illegal.</summary>
    public static string Require(string? name, string what)
    {
        var problem = Problem(name);
        return problem is null ? name! : throw new ArgumentException($"Illegal {what}: {problem}.", what);
    }

    internal static bool IsAllowed(char c) => char.IsAsciiLetterOrDigit(c) || c is '_' or '-';

    private static string Describe(char c) => c switch
    {
        ' ' => "space",
        '\t' => "tab",
        '\0' => "NUL",
        _ when char.IsControl(c) => $"U+{(int)c:X4}",
        _ => c.ToString(),
    };

    private static string Shorten(string name) => name.Length <= 40 ? name : string.Concat(name.AsSpan(0, 37), "...");
}

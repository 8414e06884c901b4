using System.Collections.Immutable;

namespace UnsMes.Uns.Topics;

/// <summary>
/// A position in the ISA-95 equipment hierarchy: enterprise / site / area / line / cell, from 0 to 5 levels deep.
/// </summary>
public sealed class IsaPath : IEquatable<IsaPath>
{
    private static readonly string[] LevelNames = ["enterprise", "site", "area", "line", "cell"];

    private IsaPath(ImmutableArray<string> segments) => Segments = segments;

    public static IsaPath Root { get; } = new([]);

    public ImmutableArray<string> Segments { get; }

    public IsaLevel Level => (IsaLevel)Segments.Length;

    public string? Enterprise => At(IsaLevel.Enterprise);
    public string? Site => At(IsaLevel.Site);
    public string? Area => At(IsaLevel.Area);
    public string? Line => At(IsaLevel.Line);
    public string? Cell => At(IsaLevel.Cell);

    /// <summary>The enclosing path one level up (the root is its own parent).</summary>
    public IsaPath Parent => Segments.IsEmpty ? this : new IsaPath(Segments.RemoveAt(Segments.Length - 1));

    public static IsaPath Of(params string[] segments)
    {
        if (segments.Length > (int)IsaLevel.Cell)
        {
            throw new ArgumentException(
                $"An ISA-95 path has at most {(int)IsaLevel.Cell} levels (enterprise/site/area/line/cell); got {segments.Length}.",
                nameof(segments));
        }

        for (var i = 0; i < segments.Length; i++)
        {
            UnsName.Require(segments[i], LevelNames[i]);
        }

        return new IsaPath([.. segments]);
    }

    /// <summary>Reads a path written as <c>acme/dayton/machining/line1</c> (as in configuration and payloads); empty is the root.</summary>
    public static IsaPath Parse(string path) => path.Length == 0 ? Root : Of(path.Split('/'));

    public static IsaPath EnterpriseOf(string enterprise) => Of(enterprise);
    public static IsaPath SiteOf(string enterprise, string site) => Of(enterprise, site);
    public static IsaPath AreaOf(string enterprise, string site, string area) => Of(enterprise, site, area);
    public static IsaPath LineOf(string enterprise, string site, string area, string line) => Of(enterprise, site, area, line);

    public static IsaPath CellOf(string enterprise, string site, string area, string line, string cell) =>
        Of(enterprise, site, area, line, cell);

    /// <summary>A path one level deeper.</summary>
    public IsaPath Child(string name)
    {
        if (Level == IsaLevel.Cell)
        {
            throw new InvalidOperationException("A cell is the deepest ISA-95 level; it has no children.");
        }

        UnsName.Require(name, LevelNames[Segments.Length]);
        return new IsaPath(Segments.Add(name));
    }

    /// <summary>The ancestor (or this path) at the given level.</summary>
    public IsaPath Up(IsaLevel level)
    {
        if ((int)level > Segments.Length)
        {
            throw new ArgumentOutOfRangeException(nameof(level), $"{(Segments.IsEmpty ? "the namespace root" : $"'{this}'")} has no {level.ToString().ToLowerInvariant()} level.");
        }

        return (int)level == Segments.Length ? this : new IsaPath(Segments[..(int)level]);
    }

    public bool IsWithin(IsaPath ancestor) =>
        ancestor.Segments.Length <= Segments.Length && ancestor.Segments.SequenceEqual(Segments[..ancestor.Segments.Length]);

    internal static string NameOf(int index) => LevelNames[index];

    internal static IsaPath FromValidated(ImmutableArray<string> segments) => new(segments);

    private string? At(IsaLevel level) => Segments.Length >= (int)level ? Segments[(int)level - 1] : null;

    public bool Equals(IsaPath? other) => other is not null && Segments.SequenceEqual(other.Segments);

    public override bool Equals(object? obj) => Equals(obj as IsaPath);

    public override int GetHashCode()
    {
        var hash = new HashCode();
        foreach (var segment in Segments)
        {
            hash.Add(segment, StringComparer.Ordinal);
        }

        return hash.ToHashCode();
    }

    public override string ToString() => string.Join('/', Segments);
}

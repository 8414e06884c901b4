using System.Collections.Immutable;
using System.Diagnostics.CodeAnalysis;

namespace UnsMes.Uns.Topics;

/// <summary>
/// A topic of the namespace: <c>uns/v1/{ISA-95 path}/{_contract}/{tail...}</c>. Every topic string in the code is built
/// or parsed here, so an illegal topic is refused with a reason before it reaches the broker.
/// </summary>
public sealed class UnsTopic : IEquatable<UnsTopic>
{
    /// <summary>The namespace root, versioned so a future incompatible layout can live beside this one.</summary>
    public const string Root = "uns/v1";

    /// <summary>The first level of every namespace topic; used to tell namespace topics from others (<c>$SYS</c>, Sparkplug).</summary>
    public const string Prefix = "uns/";

    public const int MaxLevels = 2 + 5 + 1 + 2;

    private readonly string _text;

    private UnsTopic(IsaPath path, ContractSpec spec, ImmutableArray<string> tail)
    {
        Path = path;
        Spec = spec;
        Tail = tail;
        _text = Compose(path, spec, tail);
    }

    public IsaPath Path { get; }

    public ContractSpec Spec { get; }

    public UnsContract Contract => Spec.Contract;

    /// <summary>The segments after the contract segment (tag name, work-order id, window, ...).</summary>
    public ImmutableArray<string> Tail { get; }

    /// <summary>The one tail segment of families that have exactly one (tag, type, command, window, id, ...).</summary>
    public string Name => Tail.Length == 1
        ? Tail[0]
        : throw new InvalidOperationException($"{Spec.Segment} topics have {Tail.Length} tail segments, not one.");

    public static UnsTopic Create(IsaPath path, UnsContract contract, params string[] tail)
    {
        var spec = ContractCatalog.Get(contract);
        var problem = LevelProblem(spec, path.Level) ?? TailProblem(spec, tail);
        return problem is null
            ? new UnsTopic(path, spec, [.. tail])
            : throw new ArgumentException($"Cannot build a {spec.Segment} topic under '{path}': {problem}.");
    }

    public static UnsTopic State(IsaPath cell) => Create(cell, UnsContract.State);
    public static UnsTopic Count(IsaPath cell) => Create(cell, UnsContract.Count);
    public static UnsTopic Tag(IsaPath cell, string tag) => Create(cell, UnsContract.Tag, tag);
    public static UnsTopic Event(IsaPath path, string type) => Create(path, UnsContract.Event, type);
    public static UnsTopic Command(IsaPath path, string command) => Create(path, UnsContract.Command, command);
    public static UnsTopic Downtime(IsaPath cell) => Create(cell, UnsContract.Downtime);
    public static UnsTopic Oee(IsaPath scope, string window) => Create(scope, UnsContract.Oee, window);
    public static UnsTopic WorkOrder(IsaPath site, string workOrderId) => Create(site, UnsContract.WorkOrder, workOrderId);
    public static UnsTopic Dispatch(IsaPath line) => Create(line, UnsContract.Dispatch);
    public static UnsTopic Progress(IsaPath line, string workOrderId) => Create(line, UnsContract.Progress, workOrderId);
    public static UnsTopic Wip(IsaPath line) => Create(line, UnsContract.Wip);
    public static UnsTopic OperationCompletion(IsaPath line, string workOrderId) => Create(line, UnsContract.OperationCompletion, workOrderId);
    public static UnsTopic Consumption(IsaPath line, string workOrderId) => Create(line, UnsContract.Consumption, workOrderId);
    public static UnsTopic Labor(IsaPath line, string workOrderId) => Create(line, UnsContract.Labor, workOrderId);
    public static UnsTopic Completion(IsaPath site, string workOrderId) => Create(site, UnsContract.Completion, workOrderId);
    public static UnsTopic Master(IsaPath site, string kind, string id) => Create(site, UnsContract.Master, kind, id);
    public static UnsTopic Status(string service) => Create(IsaPath.Root, UnsContract.Status, service);
    public static UnsTopic DeadLetter(string source) => Create(IsaPath.Root, UnsContract.DeadLetter, source);

    public static UnsTopic Parse(string topic) =>
        TryParse(topic, out var parsed, out var problem) ? parsed : throw new FormatException(problem);

    public static bool TryParse(string? topic, [NotNullWhen(true)] out UnsTopic? parsed, [NotNullWhen(false)] out string? problem)
    {
        parsed = null;
        problem = Parse(topic, out var path, out var spec, out var tail);
        if (problem is not null)
        {
            problem = $"Topic '{Shorten(topic)}': {problem}.";
            return false;
        }

        parsed = new UnsTopic(path!, spec!, tail);
        return true;
    }

    /// <summary>True for topics that claim to be in the namespace (and so must follow its contract).</summary>
    public static bool IsNamespaceTopic(string topic) => topic.StartsWith(Prefix, StringComparison.Ordinal);

    private static string? Parse(string? topic, out IsaPath? path, out ContractSpec? spec, out ImmutableArray<string> tail)
    {
        path = null;
        spec = null;
        tail = [];
        if (string.IsNullOrEmpty(topic))
        {
            return "a topic must not be empty";
        }

        if (topic.AsSpan().IndexOfAny('+', '#') >= 0)
        {
            return "a topic name must not contain the wildcards '+' or '#' (those belong in subscriptions)";
        }

        var segments = topic.Split('/');
        if (segments[0] != "uns")
        {
            return $"namespace topics start with '{Root}/'";
        }

        if (segments.Length < 2 || segments[1] != "v1")
        {
            return segments.Length < 2
                ? $"namespace topics start with '{Root}/'"
                : $"namespace version '{segments[1]}' is not supported; this build speaks '{Root}'";
        }

        if (segments.Length > MaxLevels)
        {
            return $"{segments.Length} levels is deeper than any namespace topic (at most {MaxLevels})";
        }

        for (var i = 2; i < segments.Length; i++)
        {
            if (segments[i].Length == 0)
            {
                return $"level {i + 1} is empty (two '/' in a row or a trailing '/')";
            }
        }

        var contractIndex = Array.FindIndex(segments, 2, s => s.StartsWith('_'));
        if (contractIndex < 0)
        {
            return $"no contract segment: after the ISA-95 path a segment such as _state must follow (known: {ContractCatalog.KnownSegments})";
        }

        var depth = contractIndex - 2;
        if (depth > (int)IsaLevel.Cell)
        {
            return $"the ISA-95 path has {depth} levels; at most 5 (enterprise/site/area/line/cell) are allowed";
        }

        for (var i = 0; i < depth; i++)
        {
            var nameProblem = UnsName.Problem(segments[i + 2]);
            if (nameProblem is not null)
            {
                return $"{IsaPath.NameOf(i)}: {nameProblem}";
            }
        }

        if (!ContractCatalog.TryGet(segments[contractIndex], out var found))
        {
            return $"unknown contract segment '{segments[contractIndex]}' (known: {ContractCatalog.KnownSegments})";
        }

        var tailSegments = segments[(contractIndex + 1)..];
        var problem = LevelProblem(found, (IsaLevel)depth) ?? TailProblem(found, tailSegments);
        if (problem is not null)
        {
            return problem;
        }

        path = IsaPath.FromValidated([.. segments[2..contractIndex]]);
        spec = found;
        tail = [.. tailSegments];
        return null;
    }

    private static string? LevelProblem(ContractSpec spec, IsaLevel level) =>
        spec.AllowsLevel(level)
            ? null
            : $"{spec.Segment} belongs under {Describe(spec.Levels)}, not under {Describe([level])}";

    private static string? TailProblem(ContractSpec spec, string[] tail)
    {
        if (tail.Length != spec.TailNames.Count)
        {
            var expected = spec.TailNames.Count == 0
                ? "nothing may follow it"
                : $"it is followed by {string.Join('/', spec.TailNames.Select(n => "{" + n + "}"))}";
            return $"{spec.Segment} takes {spec.TailNames.Count} level(s) after it ({expected}); got {tail.Length}";
        }

        for (var i = 0; i < tail.Length; i++)
        {
            var nameProblem = UnsName.Problem(tail[i]);
            if (nameProblem is not null)
            {
                return $"{spec.TailNames[i]}: {nameProblem}";
            }
        }

        return null;
    }

    private static string Describe(IEnumerable<IsaLevel> levels) =>
        string.Join(" or ", levels.Select(Article));

    private static string Article(IsaLevel level)
    {
        if (level == IsaLevel.Root)
        {
            return "the namespace root";
        }

        var name = level.ToString().ToLowerInvariant();
        return "aeiou".Contains(name[0], StringComparison.Ordinal) ? $"an {name}" : $"a {name}";
    }

    private static string Compose(IsaPath path, ContractSpec spec, ImmutableArray<string> tail)
    {
        var parts = new List<string>(8) { Root };
        parts.AddRange(path.Segments);
        parts.Add(spec.Segment);
        parts.AddRange(tail);
        return string.Join('/', parts);
    }

    private static string Shorten(string? topic) =>
        topic is null ? "" : topic.Length <= 120 ? topic : string.Concat(topic.AsSpan(0, 117), "...");

    public bool Equals(UnsTopic? other) => other is not null && string.Equals(_text, other._text, StringComparison.Ordinal);

    public override bool Equals(object? obj) => Equals(obj as UnsTopic);

    public override int GetHashCode() => StringComparer.Ordinal.GetHashCode(_text);

    public override string ToString() => _text;

    public static implicit operator string(UnsTopic topic) => topic._text;
}

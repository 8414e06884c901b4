namespace UnsMes.Uns.Payloads;

/// <summary>
/// Collects what is wrong with a payload, each as "$.field: what is wrong". The checks return the list so that
/// a payload states its rules as one readable chain.
/// </summary>
public sealed class ProblemList
{
    private readonly List<string> _problems = [];

    public IReadOnlyList<string> Items => _problems;

    public int Count => _problems.Count;

    public ProblemList Add(string problem)
    {
        _problems.Add(problem);
        return this;
    }

    public ProblemList NonNegative(string field, double value) =>
        double.IsFinite(value) && value >= 0 ? this : Add($"$.{field}: {value} must be a finite number >= 0");

    public ProblemList Positive(string field, double value) =>
        double.IsFinite(value) && value > 0 ? this : Add($"$.{field}: {value} must be a finite number > 0");

    public ProblemList Fraction(string field, double value) =>
        double.IsFinite(value) && value is >= 0 and <= 1 ? this : Add($"$.{field}: {value} is outside [0, 1]");

    public ProblemList Name(string field, string? value, string suffix = "")
    {
        var problem = Topics.UnsName.Problem(value);
        return problem is null ? this : Add($"$.{field}: {problem}{suffix}");
    }

    public ProblemList NotBlank(string field, string? value) =>
        string.IsNullOrWhiteSpace(value) ? Add($"$.{field}: must not be empty") : this;

    public ProblemList Timestamp(string field, long? value) =>
        value is { } ms && ms is < UnsTime.Earliest or > UnsTime.Latest
            ? Add($"$.{field}: {ms} is not a UTC epoch-millisecond timestamp between 2000 and 2100")
            : this;

    public ProblemList NotBefore(string field, long? value, string earlierField, long? earlier) =>
        value is { } later && earlier is { } first && later < first
            ? Add($"$.{field}: {later} is before $.{earlierField} ({first})")
            : this;

    public ProblemList SameAsTopic(string field, string? value, string topicName) =>
        string.Equals(value, topicName, StringComparison.Ordinal)
            ? this
            : Add($"$.{field}: '{value}' does not match the topic's '{topicName}'");
}

/// <summary>Timestamps on the wire are UTC epoch milliseconds.</summary>
public static class UnsTime
{
    /// <summary>2000-01-01T00:00:00Z: anything earlier is a unit mistake (seconds instead of milliseconds).</summary>
    public const long Earliest = 946_684_800_000;

    /// <summary>2100-01-01T00:00:00Z: anything later is a unit mistake too (microseconds or nanoseconds).</summary>
    public const long Latest = 4_102_444_800_000;

    public static long Now(TimeProvider time) => time.GetUtcNow().ToUnixTimeMilliseconds();

    public static DateTimeOffset ToDateTime(long epochMs) => DateTimeOffset.FromUnixTimeMilliseconds(epochMs);
}

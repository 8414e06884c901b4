using UnsMes.Uns.Topics;

namespace UnsMes.Uns.Payloads;

/// <summary>
/// What every namespace payload carries: a schema version and a source timestamp (UTC, epoch milliseconds),
/// plus the rules its values must follow beyond what the JSON shape says.
/// </summary>
public interface IUnsPayload
{
    /// <summary>Schema version of the payload; <see cref="UnsSchema.Version"/> for payloads built by this code.</summary>
    int V { get; }

    /// <summary>When the value was true at its source, in UTC epoch milliseconds.</summary>
    long Ts { get; }

    /// <summary>Adds each breach of the family's rules as "$.field: what is wrong"; adds nothing when valid.</summary>
    void AddProblems(UnsTopic topic, ProblemList problems);
}

/// <summary>The schema version this build writes and the oldest it still reads.</summary>
public static class UnsSchema
{
    public const int Version = 1;
    public const int OldestReadable = 1;
}

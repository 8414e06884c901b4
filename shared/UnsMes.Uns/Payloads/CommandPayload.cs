using UnsMes.Uns.Topics;

namespace UnsMes.Uns.Payloads;

/// <summary>
/// <c>_cmd/{command}</c>: a request to act (not retained): classify a downtime, log an operator in, load a material
/// lot, ask for a Sparkplug rebirth. The command id makes a repeated delivery harmless.
/// </summary>
public sealed record CommandPayload : IUnsPayload
{
    public required int V { get; init; }
    public required long Ts { get; init; }
    /// <summary>Unique per command; receivers act once per id.</summary>
    public required string CommandId { get; init; }
    /// <summary>Who asked: an operator badge, a user name or a service name.</summary>
    public required string IssuedBy { get; init; }
    public IReadOnlyDictionary<string, string>? Arguments { get; init; }

    public void AddProblems(UnsTopic topic, ProblemList problems) =>
        problems.Name("commandId", CommandId).NotBlank("issuedBy", IssuedBy);
}

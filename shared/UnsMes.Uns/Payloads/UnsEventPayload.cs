using System.Text.Json.Serialization;
using UnsMes.Uns.Topics;

namespace UnsMes.Uns.Payloads;

/// <summary><c>_event/{type}</c>: something that happened (not retained). The topic's last level is the type.</summary>
public sealed record UnsEventPayload : IUnsPayload
{
    public required int V { get; init; }
    public required long Ts { get; init; }
    public required Severity Severity { get; init; }
    public required string Message { get; init; }
    /// <summary>Details of the event as flat name/value pairs (e.g. "from": "running", "to": "down").</summary>
    public IReadOnlyDictionary<string, string>? Attributes { get; init; }
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingDefault)]
    public bool Historical { get; init; }

    public void AddProblems(UnsTopic topic, ProblemList problems) => problems.NotBlank("message", Message);
}

using UnsMes.Uns.Payloads;
using UnsMes.Uns.Topics;

namespace UnsMes.Uns.Validation;

/// <summary>The verdict on one message: valid (with its parsed topic and payload) or a reason a person can act on.</summary>
public sealed record UnsValidation(UnsTopic? Topic, IUnsPayload? Payload, string? Problem)
{
    public bool IsValid => Problem is null;

    internal static UnsValidation Invalid(UnsTopic? topic, string problem) => new(topic, null, problem);
}

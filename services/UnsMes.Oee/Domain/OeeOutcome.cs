namespace UnsMes.Oee.Domain;

/// <summary>The answer to every input: refused (with why, and nothing changed) or taken, with what to publish or log.</summary>
public sealed record OeeOutcome(OeeRefusal? Refusal, IReadOnlyList<OeeNotice> Notices)
{
    public bool Accepted => Refusal is null;

    internal static OeeOutcome Refused(OeeRefusalReason reason, string message) => new(new OeeRefusal(reason, message), []);

    internal static OeeOutcome Taken(IReadOnlyList<OeeNotice> notices) => new(null, notices);
}

using UnsMes.Uns.Topics;

namespace UnsMes.Uns.Tests.Examples;

/// <summary>One documented message: the topic and the JSON a publisher sends there.</summary>
public sealed record ContractExample(UnsContract Contract, string Topic, string Json)
{
    public ContractSpec Spec => ContractCatalog.Get(Contract);

    public override string ToString() => Spec.Segment;
}

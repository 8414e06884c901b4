using UnsMes.Uns.Topics;

namespace UnsMes.Uns.Tests.Topics;

/// <summary>The plant every test and example lives in: ACME's Dayton site, stamping area, line 3, press 07.</summary>
public static class Plant
{
    public static IsaPath Enterprise { get; } = IsaPath.Of("acme");
    public static IsaPath Site { get; } = IsaPath.Of("acme", "dayton");
    public static IsaPath Area { get; } = IsaPath.Of("acme", "dayton", "stamping");
    public static IsaPath Line { get; } = IsaPath.Of("acme", "dayton", "stamping", "line3");
    public static IsaPath Cell { get; } = IsaPath.Of("acme", "dayton", "stamping", "line3", "press07");

    public static IsaPath At(IsaLevel level) => level switch
    {
        IsaLevel.Root => IsaPath.Root,
        IsaLevel.Enterprise => Enterprise,
        IsaLevel.Site => Site,
        IsaLevel.Area => Area,
        IsaLevel.Line => Line,
        _ => Cell,
    };

    /// <summary>A topic of the family at the level, with a legal name in every tail segment.</summary>
    public static UnsTopic TopicOf(ContractSpec spec, IsaLevel level) =>
        UnsTopic.Create(At(level), spec.Contract, [.. spec.TailNames.Select(name => name + "-1")]);
}

namespace UnsMes.Uns.Topics;

/// <summary>Subscription filters for the namespace, built from the same contract table as the topics.</summary>
public static class UnsFilters
{
    /// <summary>Everything in the namespace.</summary>
    public const string Everything = UnsTopic.Root + "/#";

    /// <summary>Everything under an ISA-95 path (the path itself included).</summary>
    public static string Under(IsaPath path) =>
        path.Level == IsaLevel.Root ? Everything : $"{UnsTopic.Root}/{path}/#";

    /// <summary>
    /// One filter per ISA-95 level at which the family may appear, below <paramref name="under"/>; e.g. the _count
    /// family under a site gives <c>uns/v1/e/s/+/+/_count</c> and <c>uns/v1/e/s/+/+/+/_count</c>.
    /// </summary>
    public static IReadOnlyList<string> Family(UnsContract contract, IsaPath? under = null)
    {
        under ??= IsaPath.Root;
        var spec = ContractCatalog.Get(contract);
        var filters = new List<string>();
        foreach (var level in spec.Levels.Where(l => l >= under.Level))
        {
            var parts = new List<string> { UnsTopic.Root };
            parts.AddRange(under.Segments);
            parts.AddRange(Enumerable.Repeat("+", (int)level - (int)under.Level));
            parts.Add(spec.Segment);
            parts.AddRange(Enumerable.Repeat("+", spec.TailNames.Count));
            filters.Add(string.Join('/', parts));
        }

        return filters;
    }
}

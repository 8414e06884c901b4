using UnsMes.Uns.Topics;

namespace UnsMes.Uns.Tests.Topics;

public class UnsFiltersTests
{
    private static IEnumerable<TestCaseData> EveryFamilyFilter()
    {
        yield return Case(UnsContract.State, "uns/v1/+/+/+/+/+/_state");
        yield return Case(UnsContract.Count, "uns/v1/+/+/+/+/_count", "uns/v1/+/+/+/+/+/_count");
        yield return Case(UnsContract.Tag, "uns/v1/+/+/+/+/_tag/+", "uns/v1/+/+/+/+/+/_tag/+");
        yield return Case(
            UnsContract.Event,
            "uns/v1/+/_event/+",
            "uns/v1/+/+/_event/+",
            "uns/v1/+/+/+/_event/+",
            "uns/v1/+/+/+/+/_event/+",
            "uns/v1/+/+/+/+/+/_event/+");
        yield return Case(
            UnsContract.Command,
            "uns/v1/+/_cmd/+",
            "uns/v1/+/+/_cmd/+",
            "uns/v1/+/+/+/_cmd/+",
            "uns/v1/+/+/+/+/_cmd/+",
            "uns/v1/+/+/+/+/+/_cmd/+");
        yield return Case(UnsContract.Downtime, "uns/v1/+/+/+/+/+/_downtime");
        yield return Case(
            UnsContract.Oee,
            "uns/v1/+/+/_oee/+",
            "uns/v1/+/+/+/_oee/+",
            "uns/v1/+/+/+/+/_oee/+",
            "uns/v1/+/+/+/+/+/_oee/+");
        yield return Case(UnsContract.WorkOrder, "uns/v1/+/+/_workorder/+");
        yield return Case(UnsContract.Dispatch, "uns/v1/+/+/+/+/_dispatch");
        yield return Case(UnsContract.Progress, "uns/v1/+/+/+/+/_progress/+");
        yield return Case(UnsContract.Wip, "uns/v1/+/+/+/+/_wip");
        yield return Case(UnsContract.OperationCompletion, "uns/v1/+/+/+/+/_opcompletion/+");
        yield return Case(UnsContract.Consumption, "uns/v1/+/+/+/+/_consumption/+");
        yield return Case(UnsContract.Labor, "uns/v1/+/+/+/+/_labor/+");
        yield return Case(UnsContract.Completion, "uns/v1/+/+/_completion/+");
        yield return Case(UnsContract.Master, "uns/v1/+/+/_master/+/+");
        yield return Case(UnsContract.Status, "uns/v1/_status/+");
        yield return Case(UnsContract.DeadLetter, "uns/v1/_deadletter/+");
    }

    private static TestCaseData Case(UnsContract contract, params string[] filters) =>
        new TestCaseData(contract).Returns(filters).SetArgDisplayNames(contract.ToString());

    private static IEnumerable<TestCaseData> EveryFamily() =>
        ContractCatalog.All.Select(s => new TestCaseData(s).SetArgDisplayNames(s.Segment));

    [Test]
    public void Everything_IsTheWholeNamespace() =>
        Assert.That(UnsFilters.Everything, Is.EqualTo("uns/v1/#"));

    [Test]
    public void Under_Root_IsEverything() =>
        Assert.That(UnsFilters.Under(IsaPath.Root), Is.EqualTo("uns/v1/#"));

    [Test]
    public void Under_Line_IsTheLineAndAllBelow() =>
        Assert.That(UnsFilters.Under(Plant.Line), Is.EqualTo("uns/v1/acme/dayton/stamping/line3/#"));

    [Test]
    public void Under_Line_MatchesTheLineAndItsCellsButNotAnotherLine()
    {
        var filter = UnsFilters.Under(Plant.Line);

        Assert.That(TopicFilter.Matches(filter, UnsTopic.Count(Plant.Line)), Is.True);
        Assert.That(TopicFilter.Matches(filter, UnsTopic.State(Plant.Cell)), Is.True);
        Assert.That(TopicFilter.Matches(filter, UnsTopic.Wip(IsaPath.Of("acme", "dayton", "stamping", "line33"))), Is.False);
        Assert.That(TopicFilter.Matches(filter, UnsTopic.WorkOrder(Plant.Site, "WO-1001")), Is.False);
    }

    [TestCaseSource(nameof(EveryFamilyFilter))]
    public IReadOnlyList<string> Family_WholeNamespace_GivesOneFilterPerLevel(UnsContract contract) =>
        UnsFilters.Family(contract);

    [Test]
    public void Family_EveryFamily_HasACaseAbove() =>
        Assert.That(
            EveryFamilyFilter().Select(c => (UnsContract)c.Arguments[0]!),
            Is.EquivalentTo(ContractCatalog.All.Select(s => s.Contract)));

    [Test]
    public void Family_CountUnderASite_StartsAtTheSite() =>
        Assert.That(
            UnsFilters.Family(UnsContract.Count, Plant.Site),
            Is.EqualTo(new[] { "uns/v1/acme/dayton/+/+/_count", "uns/v1/acme/dayton/+/+/+/_count" }));

    [Test]
    public void Family_OeeUnderALine_CoversTheLineAndItsCells() =>
        Assert.That(
            UnsFilters.Family(UnsContract.Oee, Plant.Line),
            Is.EqualTo(new[] { "uns/v1/acme/dayton/stamping/line3/_oee/+", "uns/v1/acme/dayton/stamping/line3/+/_oee/+" }));

    [Test]
    public void Family_EventUnderACell_IsThatCellOnly() =>
        Assert.That(
            UnsFilters.Family(UnsContract.Event, Plant.Cell),
            Is.EqualTo(new[] { "uns/v1/acme/dayton/stamping/line3/press07/_event/+" }));

    [Test]
    public void Family_StatusUnderASite_IsEmpty() =>
        Assert.That(UnsFilters.Family(UnsContract.Status, Plant.Site), Is.Empty);

    [TestCaseSource(nameof(EveryFamily))]
    public void Family_EveryFilter_IsWellFormed(ContractSpec spec) =>
        Assert.That(UnsFilters.Family(spec.Contract).Select(TopicFilter.Problem), Is.All.Null);

    [TestCaseSource(nameof(EveryFamily))]
    public void Family_FilterForALevel_MatchesThatFamilysTopicAtThatLevel(ContractSpec spec)
    {
        var filters = UnsFilters.Family(spec.Contract);

        Assert.That(filters, Has.Count.EqualTo(spec.Levels.Count));
        for (var i = 0; i < spec.Levels.Count; i++)
        {
            var topic = Plant.TopicOf(spec, spec.Levels[i]);
            Assert.That(TopicFilter.Matches(filters[i], topic), Is.True, $"{filters[i]} should match {topic}");
        }
    }

    [TestCaseSource(nameof(EveryFamily))]
    public void Family_Filters_MatchNoTopicOfAnotherFamily(ContractSpec spec)
    {
        var filters = UnsFilters.Family(spec.Contract);
        var others =
            from other in ContractCatalog.All
            where other.Contract != spec.Contract
            from level in other.Levels
            select Plant.TopicOf(other, level).ToString();

        foreach (var topic in others)
        {
            Assert.That(filters.Where(f => TopicFilter.Matches(f, topic)), Is.Empty, $"no {spec.Segment} filter should match {topic}");
        }
    }
}

using UnsMes.Uns.Topics;

namespace UnsMes.Uns.Tests.Topics;

public class UnsTopicFactoryTests
{
    private const string Cell = "uns/v1/acme/dayton/stamping/line3/press07";
    private const string Line = "uns/v1/acme/dayton/stamping/line3";
    private const string Site = "uns/v1/acme/dayton";

    private static IEnumerable<TestCaseData> EveryFactory()
    {
        yield return Case("State", () => UnsTopic.State(Plant.Cell), $"{Cell}/_state");
        yield return Case("Count at cell", () => UnsTopic.Count(Plant.Cell), $"{Cell}/_count");
        yield return Case("Count at line", () => UnsTopic.Count(Plant.Line), $"{Line}/_count");
        yield return Case("Tag at cell", () => UnsTopic.Tag(Plant.Cell, "hydraulicPressure"), $"{Cell}/_tag/hydraulicPressure");
        yield return Case("Tag at line", () => UnsTopic.Tag(Plant.Line, "conveyorSpeed"), $"{Line}/_tag/conveyorSpeed");
        yield return Case("Event at cell", () => UnsTopic.Event(Plant.Cell, "stateChanged"), $"{Cell}/_event/stateChanged");
        yield return Case("Event at enterprise", () => UnsTopic.Event(Plant.Enterprise, "recall"), "uns/v1/acme/_event/recall");
        yield return Case("Command", () => UnsTopic.Command(Plant.Cell, "classifyDowntime"), $"{Cell}/_cmd/classifyDowntime");
        yield return Case("Downtime", () => UnsTopic.Downtime(Plant.Cell), $"{Cell}/_downtime");
        yield return Case("Oee at line", () => UnsTopic.Oee(Plant.Line, "shift"), $"{Line}/_oee/shift");
        yield return Case("Oee at site", () => UnsTopic.Oee(Plant.Site, "today"), $"{Site}/_oee/today");
        yield return Case("WorkOrder", () => UnsTopic.WorkOrder(Plant.Site, "WO-1001"), $"{Site}/_workorder/WO-1001");
        yield return Case("Dispatch", () => UnsTopic.Dispatch(Plant.Line), $"{Line}/_dispatch");
        yield return Case("Progress", () => UnsTopic.Progress(Plant.Line, "WO-1001"), $"{Line}/_progress/WO-1001");
        yield return Case("Wip", () => UnsTopic.Wip(Plant.Line), $"{Line}/_wip");
        yield return Case("OperationCompletion", () => UnsTopic.OperationCompletion(Plant.Line, "WO-1001"), $"{Line}/_opcompletion/WO-1001");
        yield return Case("Consumption", () => UnsTopic.Consumption(Plant.Line, "WO-1001"), $"{Line}/_consumption/WO-1001");
        yield return Case("Labor", () => UnsTopic.Labor(Plant.Line, "WO-1001"), $"{Line}/_labor/WO-1001");
        yield return Case("Completion", () => UnsTopic.Completion(Plant.Site, "WO-1001"), $"{Site}/_completion/WO-1001");
        yield return Case("Master", () => UnsTopic.Master(Plant.Site, "product", "BRK-200"), $"{Site}/_master/product/BRK-200");
        yield return Case("Status", () => UnsTopic.Status("broker"), "uns/v1/_status/broker");
        yield return Case("DeadLetter", () => UnsTopic.DeadLetter("broker"), "uns/v1/_deadletter/broker");
    }

    private static TestCaseData Case(string name, Func<UnsTopic> build, string expected) =>
        new TestCaseData(build).Returns(expected).SetArgDisplayNames(name);

    [TestCaseSource(nameof(EveryFactory))]
    public string Factory_LegalParts_BuildsTheExactTopic(Func<UnsTopic> build) => build().ToString();

    [Test]
    public void Factory_EveryFamily_HasACaseAbove()
    {
        var covered = EveryFactory()
            .Select(c => ((Func<UnsTopic>)c.Arguments[0]!)().Contract)
            .ToHashSet();

        Assert.That(covered, Is.EquivalentTo(ContractCatalog.All.Select(s => s.Contract)));
    }

    [Test]
    public void Create_Topic_ExposesItsParts()
    {
        var topic = UnsTopic.Tag(Plant.Cell, "hydraulicPressure");

        Assert.That(topic.Path, Is.EqualTo(Plant.Cell));
        Assert.That(topic.Contract, Is.EqualTo(UnsContract.Tag));
        Assert.That(topic.Spec, Is.SameAs(ContractCatalog.Get(UnsContract.Tag)));
        Assert.That(topic.Tail, Is.EqualTo(new[] { "hydraulicPressure" }));
        Assert.That(topic.Name, Is.EqualTo("hydraulicPressure"));
        Assert.That((string)topic, Is.EqualTo(topic.ToString()));
    }

    [Test]
    public void Name_OfTopicWithTwoTailSegments_Throws() =>
        Assert.That(
            () => UnsTopic.Master(Plant.Site, "product", "BRK-200").Name,
            Throws.InvalidOperationException.With.Message.EqualTo("_master topics have 2 tail segments, not one."));

    [Test]
    public void Name_OfTopicWithoutTail_Throws() =>
        Assert.That(() => UnsTopic.State(Plant.Cell).Name, Throws.InvalidOperationException);

    [Test]
    public void Create_StateUnderALine_IsRefusedSayingWhereItBelongs() =>
        Assert.That(
            () => UnsTopic.State(Plant.Line),
            Throws.ArgumentException.With.Message.EqualTo(
                "Cannot build a _state topic under 'acme/dayton/stamping/line3': _state belongs under a cell, not under a line."));

    [Test]
    public void Create_WorkOrderUnderTheRoot_IsRefusedSayingWhereItBelongs() =>
        Assert.That(
            () => UnsTopic.WorkOrder(IsaPath.Root, "WO-1001"),
            Throws.ArgumentException.With.Message.Contains("_workorder belongs under a site, not under the namespace root"));

    [Test]
    public void Create_IllegalTailName_IsRefusedNamingTheSegment() =>
        Assert.That(
            () => UnsTopic.Tag(Plant.Cell, "oil.temp"),
            Throws.ArgumentException.With.Message.Contains("tag: \'oil.temp' contains '.'"));

    [Test]
    public void Create_WrongNumberOfTailSegments_IsRefused() =>
        Assert.That(
            () => UnsTopic.Create(Plant.Site, UnsContract.Master, "product"),
            Throws.ArgumentException.With.Message.Contains("_master takes 2 level(s) after it (it is followed by {kind}/{id}); got 1"));

    [Test]
    public void Equals_SameTopicBuiltTwice_IsEqualWithTheSameHash()
    {
        var first = UnsTopic.WorkOrder(Plant.Site, "WO-1001");
        var second = UnsTopic.Parse("uns/v1/acme/dayton/_workorder/WO-1001");

        Assert.That(second, Is.EqualTo(first));
        Assert.That(second.GetHashCode(), Is.EqualTo(first.GetHashCode()));
    }

    [TestCase("uns/v1/acme/_event/recall", true)]
    [TestCase("uns/v2/acme/_event/recall", true)]
    [TestCase("uns", false)]
    [TestCase("$SYS/broker/uptime", false)]
    [TestCase("spBv1.0/line3/DDATA/edge1/press07", false)]
    public void IsNamespaceTopic_Topic_TellsNamespaceTopicsFromOthers(string topic, bool expected) =>
        Assert.That(UnsTopic.IsNamespaceTopic(topic), Is.EqualTo(expected));
}

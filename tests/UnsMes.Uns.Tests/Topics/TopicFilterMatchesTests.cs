using UnsMes.Uns.Topics;

namespace UnsMes.Uns.Tests.Topics;

public class TopicFilterMatchesTests
{
    private const string CellState = "uns/v1/acme/dayton/stamping/line3/press07/_state";

    [TestCase(CellState, CellState)]
    [TestCase("uns/v1/+/+/+/+/+/_state", CellState)]
    [TestCase("uns/v1/acme/dayton/stamping/+/press07/_state", CellState)]
    [TestCase("uns/v1/acme/+/+/+/+/_state", CellState)]
    [TestCase("spBv1.0/+/DDATA/+/+", "spBv1.0/line3/DDATA/edge1/press07")]
    public void Matches_PlusStandsForExactlyOneLevel_IsTrue(string filter, string topic) =>
        Assert.That(TopicFilter.Matches(filter, topic), Is.True);

    [TestCase("uns/v1/+/+/+/+/_state", CellState)]
    [TestCase("uns/v1/+/+/+/+/+/+/_state", CellState)]
    [TestCase("uns/v1/acme/+", "uns/v1/acme")]
    [TestCase("uns/v1/acme/+", "uns/v1/acme/dayton/_workorder")]
    public void Matches_PlusWithTheWrongNumberOfLevels_IsFalse(string filter, string topic) =>
        Assert.That(TopicFilter.Matches(filter, topic), Is.False);

    [TestCase("+/+", "/x")]
    [TestCase("uns/+", "uns/")]
    public void Matches_PlusOnAnEmptyLevel_IsTrue(string filter, string topic) =>
        Assert.That(TopicFilter.Matches(filter, topic), Is.True);

    [TestCase("#", CellState)]
    [TestCase("uns/v1/#", CellState)]
    [TestCase("uns/v1/acme/#", "uns/v1/acme/dayton/_workorder/WO-1001")]
    [TestCase("uns/v1/+/#", "uns/v1/acme/_event/recall")]
    public void Matches_HashTakesAllRemainingLevels_IsTrue(string filter, string topic) =>
        Assert.That(TopicFilter.Matches(filter, topic), Is.True);

    [TestCase("uns/v1/acme/#", "uns/v1/acme")]
    [TestCase("uns/#", "uns")]
    [TestCase("uns/v1/+/#", "uns/v1/acme")]
    public void Matches_HashAlsoMatchesTheParentLevel_IsTrue(string filter, string topic) =>
        Assert.That(TopicFilter.Matches(filter, topic), Is.True);

    [TestCase("uns/v1/+/#", "uns/v1")]
    [TestCase("uns/v1/acme/dayton/#", "uns/v1/acme")]
    [TestCase("uns/v1/acme/#", "uns/v1/acmeX/dayton/_workorder/WO-1001")]
    public void Matches_HashBelowALevelTheTopicLacks_IsFalse(string filter, string topic) =>
        Assert.That(TopicFilter.Matches(filter, topic), Is.False);

    [TestCase("uns/v1/acme", "uns/v1/acme/dayton")]
    [TestCase("uns/v1/acme/dayton", "uns/v1/acme")]
    [TestCase("uns/v1/Acme/#", "uns/v1/acme/_event/recall")]
    [TestCase("uns/v1/acme/dayton/_workorder/WO-1001", "uns/v1/acme/dayton/_workorder/WO-1002")]
    public void Matches_DifferentLevelsOrCase_IsFalse(string filter, string topic) =>
        Assert.That(TopicFilter.Matches(filter, topic), Is.False);

    [TestCase("#")]
    [TestCase("+/broker/uptime")]
    [TestCase("+/#")]
    public void Matches_LeadingWildcardOnDollarTopic_IsFalse(string filter) =>
        Assert.That(TopicFilter.Matches(filter, "$SYS/broker/uptime"), Is.False);

    [TestCase("$SYS/#")]
    [TestCase("$SYS/broker/+")]
    [TestCase("$SYS/+/uptime")]
    public void Matches_DollarTopicNamedExplicitly_IsTrue(string filter) =>
        Assert.That(TopicFilter.Matches(filter, "$SYS/broker/uptime"), Is.True);

    [Test]
    public void Matches_NamespaceFilterOnDollarTopic_IsFalse() =>
        Assert.That(TopicFilter.Matches("uns/v1/#", "$SYS/broker/uptime"), Is.False);
}

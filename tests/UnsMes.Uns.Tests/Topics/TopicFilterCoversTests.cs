using UnsMes.Uns.Topics;

namespace UnsMes.Uns.Tests.Topics;

public class TopicFilterCoversTests
{
    [TestCase("uns/v1/acme/#", "uns/v1/acme/+/_status")]
    [TestCase("uns/v1/#", "uns/v1/#")]
    [TestCase("#", "uns/v1/+/+/_workorder/+")]
    [TestCase("uns/v1/acme/#", "uns/v1/acme")]
    [TestCase("uns/v1/acme/#", "uns/v1/acme/dayton/#")]
    [TestCase("uns/v1/+/+/_workorder/+", "uns/v1/acme/dayton/_workorder/WO-1001")]
    [TestCase("uns/v1/+/+/_workorder/+", "uns/v1/acme/+/_workorder/+")]
    [TestCase("uns/v1/+/+/_workorder/+", "uns/v1/+/+/_workorder/+")]
    [TestCase("$SYS/#", "$SYS/broker/uptime")]
    [TestCase("$SYS/#", "$SYS/broker/+")]
    public void Covers_InnerMatchesNothingOuterDoesNot_IsTrue(string outer, string inner) =>
        Assert.That(TopicFilter.Covers(outer, inner), Is.True);

    [TestCase("uns/v1/acme/#", "uns/v1/#")]
    [TestCase("uns/v1/acme/+/_workorder/+", "uns/v1/+/+/_workorder/+")]
    [TestCase("uns/v1/+/+/_workorder/+", "uns/v1/acme/dayton/_workorder/#")]
    [TestCase("uns/v1/acme/dayton", "uns/v1/acme/dayton/#")]
    [TestCase("uns/v1/acme/dayton/+", "uns/v1/acme/dayton")]
    [TestCase("uns/v1/+/+/+", "uns/v1/+/+")]
    [TestCase("uns/v1/+/+", "uns/v1/+/+/+")]
    [TestCase("uns/v1/acme/+/#", "uns/v1/acme")]
    [TestCase("uns/v1/acme/#", "uns/v1/acmeX/#")]
    public void Covers_InnerReachesBeyondOuter_IsFalse(string outer, string inner) =>
        Assert.That(TopicFilter.Covers(outer, inner), Is.False);

    [TestCase("uns/v1/+/+/+/+/+/_state", "uns/v1/acme/dayton/stamping/line3/press07/_state")]
    [TestCase("uns/v1/acme/#", "uns/v1/acme")]
    [TestCase("uns/v1/+/#", "uns/v1")]
    [TestCase("uns/v1/acme/+", "uns/v1/acme")]
    [TestCase("uns/v1/Acme/#", "uns/v1/acme/_event/recall")]
    public void Covers_PlainTopicAsInner_AgreesWithMatches(string filter, string topic) =>
        Assert.That(TopicFilter.Covers(filter, topic), Is.EqualTo(TopicFilter.Matches(filter, topic)));

    [TestCase("#", "$SYS/#")]
    [TestCase("#", "$SYS/broker/uptime")]
    [TestCase("+/broker/#", "$SYS/broker/uptime")]
    public void Covers_LeadingWildcardOverDollarTopics_IsFalseLikeMatches(string outer, string inner) =>
        Assert.That(TopicFilter.Covers(outer, inner), Is.False);
}

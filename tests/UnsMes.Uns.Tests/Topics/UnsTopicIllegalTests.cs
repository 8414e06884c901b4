using UnsMes.Uns.Topics;

namespace UnsMes.Uns.Tests.Topics;

public class UnsTopicIllegalTests
{
    private const string Cell = "uns/v1/acme/dayton/stamping/line3/press07";

    [TestCase("", "a topic must not be empty")]
    [TestCase("plant/v1/acme/_event/recall", "namespace topics start with 'uns/v1/'")]
    [TestCase("$SYS/broker/uptime", "namespace topics start with 'uns/v1/'")]
    [TestCase("uns", "namespace topics start with 'uns/v1/'")]
    [TestCase("uns/v2/acme/dayton/_workorder/WO-1001", "namespace version 'v2' is not supported; this build speaks 'uns/v1'")]
    public void TryParse_WrongRootOrVersion_SaysWhatTheRootIs(string topic, string reason) => AssertRefused(topic, reason);

    [TestCase("uns/v1/acme/+/_workorder/WO-1001")]
    [TestCase("uns/v1/acme/dayton/#")]
    [TestCase(Cell + "/_tag/temp+1")]
    public void TryParse_Wildcard_SaysWildcardsBelongInSubscriptions(string topic) =>
        AssertRefused(topic, "a topic name must not contain the wildcards '+' or '#' (those belong in subscriptions)");

    [TestCase("uns/v1/acme//stamping/line3/_wip", "level 4 is empty (two '/' in a row or a trailing '/')")]
    [TestCase("uns/v1/_status/broker/", "level 5 is empty (two '/' in a row or a trailing '/')")]
    [TestCase("uns/v1/", "level 3 is empty")]
    public void TryParse_EmptyLevel_SaysWhichLevel(string topic, string reason) => AssertRefused(topic, reason);

    [TestCase("uns/v1")]
    [TestCase("uns/v1/acme/dayton/stamping/line3")]
    [TestCase(Cell + "/state")]
    public void TryParse_NoContractSegment_ListsTheKnownOnes(string topic) =>
        AssertRefused(topic, "no contract segment: after the ISA-95 path a segment such as _state must follow (known: _state, _count, _tag,");

    [Test]
    public void TryParse_UnknownContractSegment_ListsTheKnownOnes() =>
        AssertRefused(Cell + "/_speed", "unknown contract segment '_speed' (known: _state, _count, _tag, _event, _cmd, _downtime, _oee,");

    [TestCase("uns/v1/acme/dayton/stamping/line3/_state", "_state belongs under a cell, not under a line")]
    [TestCase(Cell + "/_workorder/WO-1001", "_workorder belongs under a site, not under a cell")]
    [TestCase("uns/v1/acme/dayton/stamping/line3/_completion/WO-1001", "_completion belongs under a site, not under a line")]
    [TestCase("uns/v1/acme/dayton/_dispatch", "_dispatch belongs under a line, not under a site")]
    [TestCase("uns/v1/acme/dayton/_status/broker", "_status belongs under the namespace root, not under a site")]
    [TestCase("uns/v1/_oee/shift", "not under the namespace root")]
    [TestCase("uns/v1/_state", "_state belongs under a cell, not under the namespace root")]
    public void TryParse_ContractAtTheWrongLevel_SaysWhereItBelongs(string topic, string reason) => AssertRefused(topic, reason);

    [TestCase(Cell + "/_state/extra", "_state takes 0 level(s) after it (nothing may follow it); got 1")]
    [TestCase(Cell + "/_tag", "_tag takes 1 level(s) after it (it is followed by {tag}); got 0")]
    [TestCase(Cell + "/_tag/oil/temp", "_tag takes 1 level(s) after it (it is followed by {tag}); got 2")]
    [TestCase("uns/v1/acme/dayton/_master/product", "_master takes 2 level(s) after it (it is followed by {kind}/{id}); got 1")]
    [TestCase("uns/v1/_status", "_status takes 1 level(s) after it (it is followed by {service}); got 0")]
    public void TryParse_WrongNumberOfTailSegments_SaysWhatFollows(string topic, string reason) => AssertRefused(topic, reason);

    [TestCase("uns/v1/acmé/_event/recall", "enterprise: \'acmé' contains 'é'")]
    [TestCase("uns/v1/acme/day ton/_workorder/WO-1001", "site: \'day ton' contains 'space'")]
    [TestCase("uns/v1/acme/dayton/stamp.ing/_oee/shift", "area: \'stamp.ing' contains '.'")]
    [TestCase("uns/v1/acme/dayton/stamping/line.3/_wip", "line: \'line.3' contains '.'")]
    [TestCase("uns/v1/acme/dayton/stamping/line3/press$07/_state", "cell: \'press$07' contains '$'")]
    public void TryParse_IllegalNameInPath_NamesTheLevel(string topic, string reason) => AssertRefused(topic, reason);

    [TestCase(Cell + "/_tag/oil.temp", "tag: \'oil.temp' contains '.'")]
    [TestCase(Cell + "/_tag/_temp", "tag: \'_temp' starts with '_', which is reserved for contract segments")]
    [TestCase("uns/v1/acme/dayton/_workorder/WO 1001", "workOrderId: \'WO 1001' contains 'space'")]
    [TestCase("uns/v1/acme/dayton/_master/product/BRK.200", "id: \'BRK.200' contains '.'")]
    [TestCase("uns/v1/_status/bröker", "service: \'bröker' contains 'ö'")]
    public void TryParse_IllegalNameInTail_NamesTheSegment(string topic, string reason) => AssertRefused(topic, reason);

    [Test]
    public void TryParse_TailNameTooLong_SaysTheLimit() =>
        AssertRefused(Cell + "/_tag/" + new string('t', 65), "is 65 characters long; at most 64 are allowed");

    [Test]
    public void TryParse_SixLevelPath_SaysAtMostFive() =>
        AssertRefused(
            Cell + "/head2/_state",
            "the ISA-95 path has 6 levels; at most 5 (enterprise/site/area/line/cell) are allowed");

    [Test]
    public void TryParse_MoreLevelsThanAnyTopic_SaysTheLimit() =>
        AssertRefused("uns/v1/a/b/c/d/e/f/g/h/i", "11 levels is deeper than any namespace topic (at most 10)");

    [Test]
    public void TryParse_Null_SaysItMustNotBeEmpty() => AssertRefused(null, "a topic must not be empty");

    [Test]
    public void TryParse_IllegalTopic_QuotesTheTopicAndEndsTheSentence()
    {
        var ok = UnsTopic.TryParse("uns/v2/acme/_event/recall", out _, out var problem);

        Assert.That(ok, Is.False);
        Assert.That(problem, Is.EqualTo("Topic 'uns/v2/acme/_event/recall': namespace version 'v2' is not supported; this build speaks 'uns/v1'."));
    }

    [Test]
    public void Parse_IllegalTopic_ThrowsFormatExceptionWithTheReason() =>
        Assert.That(
            () => UnsTopic.Parse("uns/v1/acme/dayton/stamping/line3/_state"),
            Throws.TypeOf<FormatException>().With.Message.Contains("_state belongs under a cell, not under a line"));

    [Test]
    public void TryParse_StatusUnderAnEnterprise_UsesTheRightArticle() =>
        AssertRefused("uns/v1/acme/_status/broker", "_status belongs under the namespace root, not under an enterprise");

    private static void AssertRefused(string? topic, string reason)
    {
        var ok = UnsTopic.TryParse(topic, out var parsed, out var problem);

        Assert.That(ok, Is.False);
        Assert.That(parsed, Is.Null);
        Assert.That(problem, Does.Contain(reason));
    }
}

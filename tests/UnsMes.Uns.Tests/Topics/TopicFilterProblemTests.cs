using UnsMes.Uns.Topics;

namespace UnsMes.Uns.Tests.Topics;

public class TopicFilterProblemTests
{
    [TestCase("#")]
    [TestCase("+")]
    [TestCase("uns/v1/#")]
    [TestCase("uns/v1/+/+/+/+/+/_state")]
    [TestCase("uns/v1/acme/dayton/+/+/_count")]
    [TestCase("uns/v1/acme/dayton/_workorder/WO-1001")]
    [TestCase("$SYS/#")]
    [TestCase("spBv1.0/+/DDATA/+/+")]
    [TestCase("+/+")]
    [TestCase("/")]
    public void Problem_WellFormedFilter_IsNull(string filter) =>
        Assert.That(TopicFilter.Problem(filter), Is.Null);

    [TestCase(null)]
    [TestCase("")]
    public void Problem_EmptyFilter_SaysItMustNotBeEmpty(string? filter) =>
        Assert.That(TopicFilter.Problem(filter), Is.EqualTo("a topic filter must not be empty"));

    [TestCase("uns/v1/#/_state")]
    [TestCase("uns/v1/acme#")]
    [TestCase("##")]
    public void Problem_HashNotTheWholeLastLevel_SaysWhereItBelongs(string filter) =>
        Assert.That(TopicFilter.Problem(filter), Is.EqualTo($"'#' must be the whole last level of the filter '{filter}'"));

    [TestCase("uns/v1/ac+me")]
    [TestCase("uns/v1/++")]
    [TestCase("+uns")]
    public void Problem_PlusNotAWholeLevel_SaysItMustBeOne(string filter) =>
        Assert.That(TopicFilter.Problem(filter), Is.EqualTo($"'+' must be a whole level of the filter '{filter}'"));
}

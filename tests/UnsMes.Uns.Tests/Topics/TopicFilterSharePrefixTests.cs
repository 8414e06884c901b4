using UnsMes.Uns.Topics;

namespace UnsMes.Uns.Tests.Topics;

public class TopicFilterSharePrefixTests
{
    [TestCase("$share/historian/uns/v1/#", "uns/v1/#")]
    [TestCase("$share/kafka/uns/v1/+/+/_workorder/+", "uns/v1/+/+/_workorder/+")]
    [TestCase("$share/g/#", "#")]
    public void WithoutSharePrefix_SharedSubscription_IsTheFilterBehindTheGroup(string filter, string expected) =>
        Assert.That(TopicFilter.WithoutSharePrefix(filter), Is.EqualTo(expected));

    [TestCase("uns/v1/#")]
    [TestCase("$SYS/#")]
    [TestCase("$share/historian")]
    public void WithoutSharePrefix_NoCompleteSharePrefix_IsTheFilterUnchanged(string filter) =>
        Assert.That(TopicFilter.WithoutSharePrefix(filter), Is.EqualTo(filter));
}

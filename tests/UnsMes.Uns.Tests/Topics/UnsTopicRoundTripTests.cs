using UnsMes.Uns.Topics;

namespace UnsMes.Uns.Tests.Topics;

public class UnsTopicRoundTripTests
{
    private static IEnumerable<TestCaseData> EveryFamilyAtEveryLevel() =>
        from spec in ContractCatalog.All
        from level in spec.Levels
        select new TestCaseData(spec, level).SetArgDisplayNames(spec.Segment, level.ToString());

    [TestCaseSource(nameof(EveryFamilyAtEveryLevel))]
    public void Parse_BuiltTopic_GivesBackTheSameParts(ContractSpec spec, IsaLevel level)
    {
        var built = Plant.TopicOf(spec, level);

        var parsed = UnsTopic.Parse(built.ToString());

        Assert.That(parsed.Path, Is.EqualTo(Plant.At(level)));
        Assert.That(parsed.Contract, Is.EqualTo(spec.Contract));
        Assert.That(parsed.Tail, Is.EqualTo(built.Tail));
        Assert.That(parsed.ToString(), Is.EqualTo(built.ToString()));
        Assert.That(parsed, Is.EqualTo(built));
    }

    [TestCaseSource(nameof(EveryFamilyAtEveryLevel))]
    public void TryParse_BuiltTopic_SucceedsWithoutAProblem(ContractSpec spec, IsaLevel level)
    {
        var ok = UnsTopic.TryParse(Plant.TopicOf(spec, level), out var parsed, out var problem);

        Assert.That(ok, Is.True);
        Assert.That(problem, Is.Null);
        Assert.That(parsed!.Spec, Is.SameAs(spec));
    }
}

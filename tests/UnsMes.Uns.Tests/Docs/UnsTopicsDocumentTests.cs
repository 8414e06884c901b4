using System.Globalization;
using System.Text.Json.Nodes;
using UnsMes.Uns.Tests.Examples;
using UnsMes.Uns.Topics;

namespace UnsMes.Uns.Tests.Docs;

/// <summary>uns-topics.md says what the code does: same families, levels, retain flags, QoS and examples.</summary>
public class UnsTopicsDocumentTests
{
    private static IEnumerable<TestCaseData> EveryFamily() =>
        ContractCatalog.All.Select(s => new TestCaseData(s).SetArgDisplayNames(s.Segment));

    private static IEnumerable<ContractExample> TestedExamples() => ContractExamples.All;

    private static IEnumerable<TestCaseData> DocumentedExamples() =>
        UnsTopicsDocument.Examples.Select(e => new TestCaseData(e.Topic, e.Json).SetArgDisplayNames(e.Topic));

    [TestCaseSource(nameof(EveryFamily))]
    public void SummaryTable_Family_HasThePatternLevelsRetainFlagAndQosOfTheCatalog(ContractSpec spec)
    {
        Assert.That(UnsTopicsDocument.SummaryRows.TryGetValue(spec.Segment, out var row), Is.True, $"no summary row for {spec.Segment}");

        Assert.That(row![0], Is.EqualTo(PatternOf(spec)), "pattern");
        Assert.That(row[1], Is.EqualTo(LevelsOf(spec)), "levels");
        Assert.That(row[2], Is.EqualTo(spec.Retained ? "yes" : "no"), "retained");
        Assert.That(row[3], Is.EqualTo(((int)spec.Qos).ToString(CultureInfo.InvariantCulture)), "QoS");
    }

    [Test]
    public void SummaryTable_HasNoFamilyTheCatalogLacks() =>
        Assert.That(UnsTopicsDocument.SummaryRows.Keys, Is.EquivalentTo(ContractCatalog.All.Select(s => s.Segment)));

    [TestCaseSource(nameof(TestedExamples))]
    public void Examples_Family_ShowsExactlyTheExampleTheTestsValidate(ContractExample example)
    {
        var documented = UnsTopicsDocument.Examples
            .Where(e => UnsTopic.TryParse(e.Topic, out var t, out _) && t.Contract == example.Contract)
            .ToList();

        Assert.That(documented, Has.Count.EqualTo(1), $"examples of {example.Spec.Segment} in uns-topics.md");
        Assert.That(documented[0].Topic, Is.EqualTo(example.Topic));
        Assert.That(
            JsonNode.DeepEquals(JsonNode.Parse(documented[0].Json), JsonNode.Parse(example.Json)),
            Is.True,
            $"the {example.Spec.Segment} JSON in uns-topics.md differs from ContractExamples");
    }

    [TestCaseSource(nameof(DocumentedExamples))]
    public void Examples_Documented_PassTheValidator(string topic, string json) =>
        Assert.That(Check.Message(topic, json).Problem, Is.Null);

    [Test]
    public void Text_StatesTheLimitsTheCodeEnforces()
    {
        Assert.That(UnsTopicsDocument.Text, Does.Contain($"{UnsName.MaxLength} characters"));
        Assert.That(UnsTopicsDocument.Text, Does.Contain(UnsFilters.Everything));
        Assert.That(UnsTopicsDocument.Text, Does.Contain("5 minutes"));
    }

    private static string PatternOf(ContractSpec spec)
    {
        var tail = string.Concat(spec.TailNames.Select(n => "/{" + n + "}"));
        return spec.Levels.SequenceEqual([IsaLevel.Root])
            ? $"{UnsTopic.Root}/{spec.Segment}{tail}"
            : $"{UnsTopic.Root}/{{path}}/{spec.Segment}{tail}";
    }

    private static string LevelsOf(ContractSpec spec) =>
        string.Join(", ", spec.Levels.Select(l => l == IsaLevel.Root ? "namespace root" : l.ToString().ToLowerInvariant()));
}

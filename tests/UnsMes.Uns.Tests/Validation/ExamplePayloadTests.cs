using System.Buffers;
using System.Text;
using UnsMes.Uns.Payloads;
using UnsMes.Uns.Tests.Examples;
using UnsMes.Uns.Tests.Topics;
using UnsMes.Uns.Topics;
using UnsMes.Uns.Validation;

namespace UnsMes.Uns.Tests.Validation;

public class ExamplePayloadTests
{
    private static IEnumerable<ContractExample> Examples() => ContractExamples.All;

    private static IEnumerable<TestCaseData> RetainedFamilies() =>
        ContractCatalog.All.Where(s => s.Retained).Select(s => new TestCaseData(s).SetArgDisplayNames(s.Segment));

    private static IEnumerable<TestCaseData> EventFamilies() =>
        ContractCatalog.All.Where(s => !s.Retained).Select(s => new TestCaseData(s).SetArgDisplayNames(s.Segment));

    [Test]
    public void PlantClock_Now_IsMonday2025_03_10At14Utc() =>
        Assert.That(DateTimeOffset.FromUnixTimeMilliseconds(PlantClock.Now), Is.EqualTo(PlantClock.NowAsDate));

    [Test]
    public void Examples_EveryFamily_HasOne() =>
        Assert.That(ContractExamples.All.Select(e => e.Contract), Is.EquivalentTo(ContractCatalog.All.Select(s => s.Contract)));

    [TestCaseSource(nameof(Examples))]
    public void Validate_Example_IsValid(ContractExample example)
    {
        var result = Check.Message(example);

        Assert.That(result.Problem, Is.Null);
        Assert.That(result.IsValid, Is.True);
        Assert.That(result.Topic!.Contract, Is.EqualTo(example.Contract));
        Assert.That(result.Payload, Is.InstanceOf(UnsJson.PayloadType(example.Contract)));
    }

    [TestCaseSource(nameof(Examples))]
    public void Validate_ExampleTopic_IsAtALevelTheFamilyAllows(ContractExample example)
    {
        var topic = UnsTopic.Parse(example.Topic);

        Assert.That(example.Spec.AllowsLevel(topic.Path.Level), Is.True);
    }

    [TestCaseSource(nameof(RetainedFamilies))]
    public void Validate_EmptyPayloadOnRetainedFamily_IsValidBecauseItDeletesTheRetainedState(ContractSpec spec)
    {
        var result = Check.Message(Plant.TopicOf(spec, spec.Levels[0]), "");

        Assert.That(result.IsValid, Is.True);
        Assert.That(result.Payload, Is.Null);
        Assert.That(result.Topic!.Contract, Is.EqualTo(spec.Contract));
    }

    [TestCaseSource(nameof(EventFamilies))]
    public void Validate_EmptyPayloadOnEventFamily_IsInvalid(ContractSpec spec)
    {
        var result = Check.Message(Plant.TopicOf(spec, spec.Levels[0]), "");

        Assert.That(result.IsValid, Is.False);
        Assert.That(result.Problem, Is.EqualTo($"{spec.Segment} messages need a JSON payload; this one is empty"));
    }

    [Test]
    public void Validate_ParsedTopicOverload_GivesTheSameVerdict()
    {
        var validator = new UnsPayloadValidator(PlantClock.Create());
        var payload = new ReadOnlySequence<byte>(Encoding.UTF8.GetBytes(ContractExamples.Oee));

        var result = validator.Validate(UnsTopic.Oee(Plant.Line, "shift"), payload);

        Assert.That(result.IsValid, Is.True);
        Assert.That(((OeePayload)result.Payload!).Oee, Is.EqualTo(0.7938));
    }

    [Test]
    public void Validate_IllegalTopic_IsInvalidWithoutATopic()
    {
        var result = Check.Message("uns/v1/acme/dayton/stamping/line3/_state", ContractExamples.State);

        Assert.That(result.Topic, Is.Null);
        Assert.That(
            result.Problem,
            Is.EqualTo("Topic 'uns/v1/acme/dayton/stamping/line3/_state': _state belongs under a cell, not under a line."));
    }
}

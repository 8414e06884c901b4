using System.Text.Json.Nodes;
using UnsMes.Uns.Tests.Examples;
using static UnsMes.Uns.Tests.Examples.ContractExamples;

namespace UnsMes.Uns.Tests.Validation;

/// <summary>Family rules of what machines publish: _state, _count, _tag, _event.</summary>
public class MachineRulesTests
{
    [TestCase("down")]
    [TestCase("setup")]
    [TestCase("planned_stop")]
    public void Validate_StopWithoutReasonCode_AsksForOne(string state) =>
        Assert.That(
            Check.Message(StateTopic, State.With("state", state).Without("reasonCode")).Problem,
            Is.EqualTo("$.reasonCode: a name must not be empty (required when the state is a stop; use 'unclassified' when unknown)"));

    [Test]
    public void Validate_StopWithUnclassifiedReason_IsValid() =>
        Assert.That(Check.Message(StateTopic, State.With("reasonCode", "unclassified").Without("reasonText")).IsValid, Is.True);

    [TestCase("running")]
    [TestCase("idle")]
    [TestCase("starved")]
    [TestCase("blocked")]
    [TestCase("offline")]
    public void Validate_NonStopStateWithoutReasonCode_IsValid(string state) =>
        Assert.That(
            Check.Message(StateTopic, State.With("state", state).Without("reasonCode").Without("reasonText")).IsValid,
            Is.True);

    [Test]
    public void Validate_ReasonCodeWithSpaces_SaysItIsNotAName() =>
        Assert.That(
            Check.Message(StateTopic, State.With("reasonCode", "jam at station 2")).Problem,
            Does.StartWith("$.reasonCode: 'jam at station 2' contains 'space'"));

    [Test]
    public void Validate_RunningWithIllegalReasonCode_SaysItIsNotAName() =>
        Assert.That(
            Check.Message(StateTopic, State.With("state", "running").With("reasonCode", "warm.up")).Problem,
            Is.EqualTo("$.reasonCode: 'warm.up' contains '.'; only letters, digits, '_' and '-' are allowed"));

    [Test]
    public void Validate_StateSinceAfterItsTimestamp_IsInvalid() =>
        Assert.That(
            Check.Message(StateTopic, State.With("since", 1741614600000)).Problem,
            Is.EqualTo("$.ts: 1741614540000 is before $.since (1741614600000)"));

    [Test]
    public void Validate_ScrapReasonsNotAddingUp_SaysBothNumbers() =>
        Assert.That(
            Check.Message(CountTopic, Count.With("scrapByReason.misfeed", 20)).Problem,
            Is.EqualTo("$.scrapByReason: adds up to 220, but $.scrap is 212"));

    [Test]
    public void Validate_CountWithoutScrapReasons_IsValid() =>
        Assert.That(Check.Message(CountTopic, Count.Without("scrapByReason")).IsValid, Is.True);

    [Test]
    public void Validate_CountWithEmptyScrapReasons_IsValid() =>
        Assert.That(Check.Message(CountTopic, Count.With("scrapByReason", new JsonObject())).IsValid, Is.True);

    [Test]
    public void Validate_NegativeGoodCount_IsInvalid() =>
        Assert.That(
            Check.Message(CountTopic, Count.With("good", -1)).Problem,
            Is.EqualTo("$.good: -1 must be a finite number >= 0"));

    [Test]
    public void Validate_BlankCountUnit_IsInvalid() =>
        Assert.That(Check.Message(CountTopic, Count.With("unit", "  ")).Problem, Is.EqualTo("$.unit: must not be empty"));

    [Test]
    public void Validate_ScrapReasonThatIsNotAName_NamesTheReason() =>
        Assert.That(
            Check.Message(CountTopic, Count.Without("scrapByReason.burr").With("scrapByReason.bad burr", 130)).Problem,
            Does.StartWith("$.scrapByReason.bad burr: 'bad burr' contains 'space'"));

    [Test]
    public void Validate_NegativeScrapForAReason_NamesTheReason() =>
        Assert.That(
            Check.Message(CountTopic, Count.With("scrapByReason.crack", -70)).Problem,
            Does.StartWith("$.scrapByReason.crack: -70 must be a finite number >= 0"));

    [Test]
    public void Validate_ScrapReasonsOverflowingALong_IsInvalidInsteadOfThrowing() =>
        Assert.That(
            Check.Message(CountTopic, Count.With("scrapByReason", JsonNode.Parse("""{ "burr": 9223372036854775807, "crack": 1 }"""))).IsValid,
            Is.False);

    [TestCase("true", "")]
    [TestCase("false", "")]
    [TestCase("\"AUTO\"", "")]
    [TestCase("-12.5", "degC")]
    [TestCase("0", "")]
    public void Validate_TagValueNumberBooleanOrString_IsValid(string value, string unit) =>
        Assert.That(
            Check.Message(TagTopic, Tag.With("value", JsonNode.Parse(value)).With("unit", unit)).IsValid,
            Is.True);

    [TestCase("null", "null")]
    [TestCase("{\"bar\": 182.4}", "object")]
    [TestCase("[182.4, 181.9]", "array")]
    public void Validate_TagValueOfAnotherKind_SaysWhatAProcessValueIs(string value, string kind) =>
        Assert.That(
            Check.Message(TagTopic, Tag.Replace("182.4", value, StringComparison.Ordinal)).Problem,
            Does.StartWith("$.value: a ").And.EndWith($"{kind} is not a process value (number, boolean or string)"));

    [Test]
    public void Validate_TagNumberBeyondADouble_SaysItDoesNotFit() =>
        Assert.That(
            Check.Message(TagTopic, Tag.Replace("182.4", "1e400", StringComparison.Ordinal)).Problem,
            Is.EqualTo("$.value: the number does not fit a 64-bit float"));

    [Test]
    public void Validate_TagStringOf4096Characters_IsValid() =>
        Assert.That(Check.Message(TagTopic, Tag.With("value", new string('x', 4096)).With("unit", "")).IsValid, Is.True);

    [Test]
    public void Validate_TagStringOf4097Characters_SaysTheLimit() =>
        Assert.That(
            Check.Message(TagTopic, Tag.With("value", new string('x', 4097)).With("unit", "")).Problem,
            Is.EqualTo("$.value: a string value is limited to 4096 characters"));

    [Test]
    public void Validate_TagMarkedBadAndHistorical_IsValid() =>
        Assert.That(Check.Message(TagTopic, Tag.With("quality", "bad").With("historical", true)).IsValid, Is.True);

    [Test]
    public void Validate_BlankEventMessage_IsInvalid() =>
        Assert.That(Check.Message(EventTopic, Event.With("message", " ")).Problem, Is.EqualTo("$.message: must not be empty"));

    [Test]
    public void Validate_EventAtEnterpriseLevel_IsValid() =>
        Assert.That(Check.Message("uns/v1/acme/_event/recall", Event.Without("attributes")).IsValid, Is.True);
}

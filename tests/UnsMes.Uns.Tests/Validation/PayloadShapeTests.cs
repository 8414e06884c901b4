using System.Text.Json.Nodes;
using UnsMes.Uns.Tests.Examples;
using UnsMes.Uns.Topics;
using static UnsMes.Uns.Tests.Examples.ContractExamples;

namespace UnsMes.Uns.Tests.Validation;

/// <summary>Payloads that do not have the family's JSON shape.</summary>
public class PayloadShapeTests
{
    private const string MachineStates = "blocked, down, idle, offline, planned_stop, running, setup, starved";

    private static IEnumerable<ContractExample> Examples() => ContractExamples.All;

    [TestCaseSource(nameof(Examples))]
    public void Validate_UnknownField_NamesTheField(ContractExample example) =>
        Assert.That(
            Check.Message(example.Topic, example.Json.With("colour", "red")).Problem,
            Does.StartWith($"payload is not a valid {example.Spec.Segment} message: ")
                .And.Contains("unknown field 'colour' (check its spelling against uns-topics.md)"));

    [Test]
    public void Validate_UnknownNestedField_NamesTheField() =>
        Assert.That(
            Check.Message(OeeTopic, Oee.With("losses.colour", "red")).Problem,
            Does.Contain("unknown field 'colour'"));

    [Test]
    public void Validate_FieldNameInWrongCase_IsAnUnknownField() =>
        Assert.That(
            Check.Message(TagTopic, Tag.Without("unit").With("Unit", "bar")).Problem,
            Does.Contain("unknown field 'Unit'"));

    [TestCaseSource(nameof(Examples))]
    public void Validate_MissingTimestamp_NamesTheMissingField(ContractExample example) =>
        Assert.That(
            Check.Message(example.Topic, example.Json.Without("ts")).Problem,
            Does.Contain("missing required field(s) 'ts'"));

    [Test]
    public void Validate_MissingFieldsOfAListItem_NameTheItemAndTheFields() =>
        Assert.That(
            Check.Message(WorkOrderTopic, WorkOrder.Without("routing[0].workCenter")).Problem,
            Does.Contain("$.routing[0]: missing required field(s) 'workCenter'"));

    [TestCase(UnsContract.State, "state", "flying", "'flying' is not one of " + MachineStates)]
    [TestCase(UnsContract.State, "state", "Running", "'Running' is not one of " + MachineStates)]
    [TestCase(UnsContract.Tag, "quality", "excellent", "'excellent' is not one of bad, good, uncertain")]
    [TestCase(UnsContract.Event, "severity", "fatal", "'fatal' is not one of alarm, critical, info, warning")]
    [TestCase(UnsContract.WorkOrder, "status", "started", "'started' is not one of cancelled, closed, completed, dispatched, paused, released, running")]
    [TestCase(UnsContract.Progress, "status", "done", "'done' is not one of cancelled, closed, completed, dispatched, paused, released, running")]
    [TestCase(UnsContract.Status, "health", "ok", "'ok' is not one of degraded, healthy, offline, unhealthy")]
    public void Validate_WrongEnumValue_ListsTheAllowedValues(UnsContract contract, string field, string value, string reason)
    {
        var example = ContractExamples.Of(contract);

        Assert.That(Check.Message(example.Topic, example.Json.With(field, value)).Problem, Does.Contain($"$.{field}: {reason}"));
    }

    [Test]
    public void Validate_EnumAsNumber_SaysAStringIsExpected() =>
        Assert.That(
            Check.Message(StateTopic, State.With("state", 4)).Problem,
            Does.Contain($"$.state: expected one of {MachineStates} as a string, found Number"));

    [Test]
    public void Validate_NullEnum_SaysAStringIsExpected() =>
        Assert.That(
            Check.Message(StateTopic, State.With("state", null)).Problem,
            Does.Contain($"$.state: expected one of {MachineStates} as a string, found Null"));

    [TestCase(UnsContract.Count, "unit")]
    [TestCase(UnsContract.Event, "message")]
    [TestCase(UnsContract.Command, "issuedBy")]
    [TestCase(UnsContract.DeadLetter, "originalTopic")]
    [TestCase(UnsContract.WorkOrder, "routing")]
    public void Validate_NullWhereTextOrListIsRequired_NamesTheFieldAndNull(UnsContract contract, string field)
    {
        var example = ContractExamples.Of(contract);

        Assert.That(
            Check.Message(example.Topic, example.Json.With(field, null)).Problem,
            Does.Contain($"$.{field}: ").And.Contains("null"));
    }

    [TestCase(UnsContract.State, "ts")]
    [TestCase(UnsContract.Downtime, "classified")]
    [TestCase(UnsContract.Oee, "availability")]
    public void Validate_NullWhereNumberOrBooleanIsRequired_NamesTheField(UnsContract contract, string field)
    {
        var example = ContractExamples.Of(contract);

        Assert.That(
            Check.Message(example.Topic, example.Json.With(field, null)).Problem,
            Does.StartWith($"payload is not a valid {example.Spec.Segment} message: $.{field}: "));
    }

    [TestCase(UnsContract.Count, "good", "15230")]
    [TestCase(UnsContract.State, "since", "yesterday")]
    [TestCase(UnsContract.Downtime, "planned", "no")]
    public void Validate_StringWhereNumberOrBooleanIsExpected_NamesTheField(UnsContract contract, string field, string value)
    {
        var example = ContractExamples.Of(contract);

        Assert.That(
            Check.Message(example.Topic, example.Json.With(field, value)).Problem,
            Does.StartWith($"payload is not a valid {example.Spec.Segment} message: $.{field}: "));
    }

    [Test]
    public void Validate_NumberWhereTextIsExpected_NamesTheField() =>
        Assert.That(
            Check.Message(EventTopic, Event.With("attributes.reasonCode", 7)).Problem,
            Does.Contain("$.attributes.reasonCode: "));

    [Test]
    public void Validate_ObjectWhereListIsExpected_NamesTheField() =>
        Assert.That(
            Check.Message(WorkOrderTopic, WorkOrder.With("bom", new JsonObject())).Problem,
            Does.Contain("$.bom"));

    [Test]
    public void Validate_StringWhereNumberIsExpected_DoesNotBlameThePayloadType() =>
        Assert.That(
            Check.Message(StateTopic, State.With("ts", "1741614540000")).Problem,
            Does.Not.Contain("MachineStatePayload").And.Contains("number"));

    [Test]
    public void Validate_NotJsonAtAll_SaysWhereTheJsonBreaks() =>
        Assert.That(
            Check.Message(StateTopic, "state=down").Problem,
            Does.StartWith("payload is not a valid _state message: ").And.Contains("'s' is an invalid start of a value"));

    [Test]
    public void Validate_TruncatedJson_IsInvalid() =>
        Assert.That(
            Check.Message(StateTopic, State[..40]).Problem,
            Does.StartWith("payload is not a valid _state message: "));

    [Test]
    public void Validate_OnlyWhitespace_SaysThereIsNoJson() =>
        Assert.That(
            Check.Message(StateTopic, "   ").Problem,
            Does.Contain("does not contain any JSON tokens"));

    [Test]
    public void Validate_InvalidUtf8_IsInvalidNotAnException() =>
        Assert.That(
            Check.Message(EventTopic, [.. "{\"v\":1,\"message\":\""u8, 0xFF, 0xFE, .. "\"}"u8]).Problem,
            Does.StartWith("payload is not a valid _event message: "));

    [TestCase("[]")]
    [TestCase("[{\"v\":1}]")]
    [TestCase("42")]
    [TestCase("\"down\"")]
    public void Validate_JsonThatIsNotAnObject_IsInvalid(string payload) =>
        Assert.That(
            Check.Message(StateTopic, payload).Problem,
            Does.StartWith("payload is not a valid _state message: $: "));

    [Test]
    public void Validate_JsonArrayInsteadOfObject_SaysAnObjectIsExpected() =>
        Assert.That(Check.Message(StateTopic, "[]").Problem, Does.Contain("JSON object"));

    [Test]
    public void Validate_JsonNull_SaysAnObjectIsExpected() =>
        Assert.That(Check.Message(StateTopic, "null").Problem, Is.EqualTo("payload is JSON null; a JSON object is expected"));

    [Test]
    public void Validate_NestingDeeperThanSixteen_IsInvalid() =>
        Assert.That(
            Check.Message(TagTopic, Tag.Replace("182.4", new string('[', 20) + new string(']', 20), StringComparison.Ordinal)).Problem,
            Does.StartWith("payload is not a valid _tag message: ").And.Contains("depth of 16"));
}

using UnsMes.Uns.Tests.Examples;
using static UnsMes.Uns.Tests.Examples.ContractExamples;

namespace UnsMes.Uns.Tests.Validation;

/// <summary>Family rules of _cmd and _downtime.</summary>
public class CommandAndDowntimeRulesTests
{
    [Test]
    public void Validate_CommandIdThatIsNotAName_IsInvalid() =>
        Assert.That(
            Check.Message(CommandTopic, Command.With("commandId", "cmd 1")).Problem,
            Does.StartWith("$.commandId: 'cmd 1' contains 'space'"));

    [Test]
    public void Validate_CommandWithoutIssuer_IsInvalid() =>
        Assert.That(Check.Message(CommandTopic, Command.With("issuedBy", "")).Problem, Is.EqualTo("$.issuedBy: must not be empty"));

    [Test]
    public void Validate_CommandWithoutArguments_IsValid() =>
        Assert.That(Check.Message(Cell + "/_cmd/rebirth", Command.Without("arguments")).IsValid, Is.True);

    [Test]
    public void Validate_DowntimeEndingBeforeItStarts_IsInvalid() =>
        Assert.That(
            Check.Message(DowntimeTopic, Downtime.With("end", 1741614480000)).Problem,
            Is.EqualTo("$.end: 1741614480000 is before $.start (1741614540000)"));

    [Test]
    public void Validate_ClosedDowntime_IsValid() =>
        Assert.That(Check.Message(DowntimeTopic, Downtime.With("end", 1741615200000)).IsValid, Is.True);

    [Test]
    public void Validate_DowntimeInRunningState_IsInvalid() =>
        Assert.That(
            Check.Message(DowntimeTopic, Downtime.With("state", "running")).Problem,
            Is.EqualTo("$.state: a downtime episode cannot be in the running state"));

    [Test]
    public void Validate_DowntimeWithoutReasonCode_IsMissingARequiredField() =>
        Assert.That(
            Check.Message(DowntimeTopic, Downtime.Without("reasonCode")).Problem,
            Does.Contain("missing required field(s) 'reasonCode'"));

    [Test]
    public void Validate_DowntimeWithEmptyReasonCode_IsInvalid() =>
        Assert.That(
            Check.Message(DowntimeTopic, Downtime.With("reasonCode", "")).Problem,
            Is.EqualTo("$.reasonCode: a name must not be empty"));

    [Test]
    public void Validate_UnclassifiedDowntime_IsValid() =>
        Assert.That(
            Check.Message(DowntimeTopic, Downtime.With("reasonCode", "unclassified").With("classified", false).Without("reasonText")).IsValid,
            Is.True);

    [Test]
    public void Validate_DowntimeStartInSeconds_IsInvalid() =>
        Assert.That(
            Check.Message(DowntimeTopic, Downtime.With("start", 1741614540)).Problem,
            Is.EqualTo("$.start: 1741614540 is not a UTC epoch-millisecond timestamp between 2000 and 2100"));
}

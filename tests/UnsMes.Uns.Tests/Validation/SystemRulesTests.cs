using UnsMes.Uns.Tests.Examples;
using static UnsMes.Uns.Tests.Examples.ContractExamples;

namespace UnsMes.Uns.Tests.Validation;

/// <summary>Family rules of _master, _status and _deadletter.</summary>
public class SystemRulesTests
{
    [TestCase("product")]
    [TestCase("material")]
    [TestCase("workcenter")]
    [TestCase("operation")]
    [TestCase("employee")]
    public void Validate_KnownMasterDataKind_IsValid(string kind) =>
        Assert.That(Check.Message($"{Site}/_master/{kind}/X-1", Master).IsValid, Is.True);

    [TestCase("recipe")]
    [TestCase("Product")]
    public void Validate_UnknownMasterDataKind_ListsTheKinds(string kind) =>
        Assert.That(
            Check.Message($"{Site}/_master/{kind}/X-1", Master).Problem,
            Is.EqualTo($"topic: master-data kind '{kind}' is not one of product, material, workcenter, operation, employee"));

    [Test]
    public void Validate_MasterDataWithoutName_IsInvalid() =>
        Assert.That(Check.Message(MasterTopic, Master.With("name", " ")).Problem, Is.EqualTo("$.name: must not be empty"));

    [Test]
    public void Validate_MasterDataWithoutAttributes_IsValid() =>
        Assert.That(Check.Message(MasterTopic, Master.Without("attributes")).IsValid, Is.True);

    [Test]
    public void Validate_StatusSetOfflineByTheWill_IsValid() =>
        Assert.That(Check.Message("uns/v1/_status/oee", """{ "v": 1, "ts": 1741615200000, "health": "offline" }""").IsValid, Is.True);

    [Test]
    public void Validate_DeadLetterWithoutReason_IsInvalid() =>
        Assert.That(Check.Message(DeadLetterTopic, DeadLetter.With("reason", "")).Problem, Is.EqualTo("$.reason: must not be empty"));

    [Test]
    public void Validate_DeadLetterWithoutOriginalTopic_IsMissingARequiredField() =>
        Assert.That(
            Check.Message(DeadLetterTopic, DeadLetter.Without("originalTopic")).Problem,
            Does.Contain("missing required field(s) 'originalTopic'"));

    [Test]
    public void Validate_DeadLetterOfABinaryPayload_IsValid() =>
        Assert.That(
            Check.Message(
                "uns/v1/_deadletter/wip",
                DeadLetter.Without("payloadText").With("payloadBase64", "AAEC/w==").With("payloadBytes", 4)).IsValid,
            Is.True);
}

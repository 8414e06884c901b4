using UnsMes.Uns.Tests.Examples;
using static UnsMes.Uns.Tests.Examples.ContractExamples;

namespace UnsMes.Uns.Tests.Validation;

/// <summary>Family rules of what is written back to the ERP: _opcompletion, _consumption, _labor, _completion.</summary>
public class WriteBackRulesTests
{
    [Test]
    public void Validate_OperationScrapReasonsNotAddingUp_SaysBothNumbers() =>
        Assert.That(
            Check.Message(OperationCompletionTopic, OperationCompletion.With("scrapByReason.crack", 20)).Problem,
            Is.EqualTo("$.scrapByReason: adds up to 50, but $.scrap is 52"));

    [Test]
    public void Validate_OperationCompletionForAnotherWorkOrder_SaysBoth() =>
        Assert.That(
            Check.Message(OperationCompletionTopic, OperationCompletion.With("workOrderId", "WO-1002")).Problem,
            Is.EqualTo("$.workOrderId: 'WO-1002' does not match the topic's 'WO-1001'"));

    [Test]
    public void Validate_MessageIdThatIsNotAName_IsInvalid() =>
        Assert.That(
            Check.Message(OperationCompletionTopic, OperationCompletion.With("messageId", "WO-1001.op10.3")).Problem,
            Does.StartWith("$.messageId: 'WO-1001.op10.3' contains '.'"));

    [Test]
    public void Validate_FinalOperationCompletionWithoutReasons_IsValid() =>
        Assert.That(
            Check.Message(OperationCompletionTopic, OperationCompletion.Without("scrapByReason").With("final", true)).IsValid,
            Is.True);

    [Test]
    public void Validate_OperationCompletionWithoutUnit_IsInvalid() =>
        Assert.That(
            Check.Message(OperationCompletionTopic, OperationCompletion.With("unit", "")).Problem,
            Is.EqualTo("$.unit: must not be empty"));

    [Test]
    public void Validate_LotIdThatIsNotAName_IsInvalid() =>
        Assert.That(
            Check.Message(ConsumptionTopic, Consumption.With("lotId", "COIL 88231")).Problem,
            Does.StartWith("$.lotId: 'COIL 88231' contains 'space'"));

    [Test]
    public void Validate_ConsumptionWithoutLot_IsValid() =>
        Assert.That(Check.Message(ConsumptionTopic, Consumption.Without("lotId")).IsValid, Is.True);

    [Test]
    public void Validate_NegativeConsumption_IsInvalid() =>
        Assert.That(
            Check.Message(ConsumptionTopic, Consumption.With("quantity", -1)).Problem,
            Is.EqualTo("$.quantity: -1 must be a finite number >= 0"));

    [Test]
    public void Validate_ConsumptionForAnotherWorkOrder_SaysBoth() =>
        Assert.That(
            Check.Message(ConsumptionTopic, Consumption.With("workOrderId", "WO-0998")).Problem,
            Is.EqualTo("$.workOrderId: 'WO-0998' does not match the topic's 'WO-1001'"));

    [Test]
    public void Validate_LaborEndingBeforeItStarts_IsInvalid() =>
        Assert.That(
            Check.Message(LaborTopic, Labor.With("start", 1741615200000).With("end", 1741586400000)).Problem,
            Is.EqualTo("$.end: 1741586400000 is before $.start (1741615200000)"));

    [Test]
    public void Validate_LaborWithoutEmployee_IsInvalid() =>
        Assert.That(
            Check.Message(LaborTopic, Labor.With("employeeId", "")).Problem,
            Is.EqualTo("$.employeeId: a name must not be empty"));

    [Test]
    public void Validate_CompletionScrapReasonsNotAddingUp_SaysBothNumbers() =>
        Assert.That(
            Check.Message(CompletionTopic, Completion.With("scrapByReason.crack", 50)).Problem,
            Is.EqualTo("$.scrapByReason: adds up to 110, but $.scrap is 100"));

    [Test]
    public void Validate_CompletionEndingBeforeItStarts_IsInvalid() =>
        Assert.That(
            Check.Message(CompletionTopic, Completion.With("end", 1741557540000)).Problem,
            Is.EqualTo("$.end: 1741557540000 is before $.start (1741557600000)"));

    [Test]
    public void Validate_NegativeMaterialActual_NamesTheMaterialLine() =>
        Assert.That(
            Check.Message(CompletionTopic, Completion.With("materialActuals[1].quantity", -1)).Problem,
            Is.EqualTo("$.materialActuals[1].quantity: -1 must be a finite number >= 0"));

    [Test]
    public void Validate_NegativeLaborHours_NamesThePersonnelLine() =>
        Assert.That(
            Check.Message(CompletionTopic, Completion.With("personnelActuals[0].hours", -7.8)).Problem,
            Is.EqualTo("$.personnelActuals[0].hours: -7.8 must be a finite number >= 0"));

    [Test]
    public void Validate_CompletionForAnotherWorkOrder_SaysBoth() =>
        Assert.That(
            Check.Message(CompletionTopic, Completion.With("workOrderId", "WO-1001")).Problem,
            Is.EqualTo("$.workOrderId: 'WO-1001' does not match the topic's 'WO-0998'"));
}

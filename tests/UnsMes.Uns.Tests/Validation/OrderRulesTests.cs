using System.Text.Json.Nodes;
using UnsMes.Uns.Tests.Examples;
using static UnsMes.Uns.Tests.Examples.ContractExamples;

namespace UnsMes.Uns.Tests.Validation;

/// <summary>Family rules of _workorder, _dispatch, _progress and _wip.</summary>
public class OrderRulesTests
{
    [Test]
    public void Validate_WorkOrderIdDifferentFromTopic_SaysBoth() =>
        Assert.That(
            Check.Message(WorkOrderTopic, WorkOrder.With("workOrderId", "WO-1002")).Problem,
            Is.EqualTo("$.workOrderId: 'WO-1002' does not match the topic's 'WO-1001'"));

    [Test]
    public void Validate_DuplicateRoutingOperation_NamesTheRepeat() =>
        Assert.That(
            Check.Message(WorkOrderTopic, WorkOrder.With("routing[2].operation", "op10")).Problem,
            Is.EqualTo("$.routing[2].operation: 'op10' appears twice"));

    [Test]
    public void Validate_WorkOrderWithoutOperations_IsInvalid() =>
        Assert.That(
            Check.Message(WorkOrderTopic, WorkOrder.With("routing", new JsonArray())).Problem,
            Is.EqualTo("$.routing: a work order needs at least one operation"));

    [Test]
    public void Validate_WorkOrderWithoutBom_IsValid() =>
        Assert.That(Check.Message(WorkOrderTopic, WorkOrder.With("bom", new JsonArray())).IsValid, Is.True);

    [Test]
    public void Validate_ZeroQuantity_IsInvalid() =>
        Assert.That(
            Check.Message(WorkOrderTopic, WorkOrder.With("quantity", 0)).Problem,
            Is.EqualTo("$.quantity: 0 must be a finite number > 0"));

    [Test]
    public void Validate_ProductIdThatIsNotAName_IsInvalid() =>
        Assert.That(
            Check.Message(WorkOrderTopic, WorkOrder.With("productId", "BRK 200")).Problem,
            Does.StartWith("$.productId: 'BRK 200' contains 'space'"));

    [Test]
    public void Validate_BomLineWithoutQuantity_NamesTheLine() =>
        Assert.That(
            Check.Message(WorkOrderTopic, WorkOrder.With("bom[1].quantityPerUnit", 0)).Problem,
            Is.EqualTo("$.bom[1].quantityPerUnit: 0 must be a finite number > 0"));

    [Test]
    public void Validate_BomLineWithoutUnit_NamesTheLine() =>
        Assert.That(Check.Message(WorkOrderTopic, WorkOrder.With("bom[0].unit", "")).Problem, Is.EqualTo("$.bom[0].unit: must not be empty"));

    [Test]
    public void Validate_NegativeIdealCycleTime_NamesTheOperation() =>
        Assert.That(
            Check.Message(WorkOrderTopic, WorkOrder.With("routing[1].idealCycleTimeS", -1)).Problem,
            Is.EqualTo("$.routing[1].idealCycleTimeS: -1 must be a finite number > 0"));

    [Test]
    public void Validate_WorkCenterThatIsNotAName_NamesTheOperation() =>
        Assert.That(
            Check.Message(WorkOrderTopic, WorkOrder.With("routing[0].workCenter", "press 07")).Problem,
            Does.StartWith("$.routing[0].workCenter: 'press 07' contains 'space'"));

    [Test]
    public void Validate_DueDateInSeconds_IsInvalid() =>
        Assert.That(
            Check.Message(WorkOrderTopic, WorkOrder.With("dueTs", 1741968000)).Problem,
            Is.EqualTo("$.dueTs: 1741968000 is not a UTC epoch-millisecond timestamp between 2000 and 2100"));

    [Test]
    public void Validate_EmptyDispatchQueue_IsValid() =>
        Assert.That(Check.Message(DispatchTopic, Dispatch.With("queue", new JsonArray())).IsValid, Is.True);

    [Test]
    public void Validate_DispatchedOrderWithoutQuantity_NamesTheEntry() =>
        Assert.That(
            Check.Message(DispatchTopic, Dispatch.With("queue[1].quantity", 0)).Problem,
            Is.EqualTo("$.queue[1].quantity: 0 must be a finite number > 0"));

    [Test]
    public void Validate_DispatchedWorkOrderIdThatIsNotAName_NamesTheEntry() =>
        Assert.That(
            Check.Message(DispatchTopic, Dispatch.With("queue[0].workOrderId", "WO 1001")).Problem,
            Does.StartWith("$.queue[0].workOrderId: 'WO 1001' contains 'space'"));

    [Test]
    public void Validate_DispatchedOrderWithoutCycleTime_NamesTheEntry() =>
        Assert.That(
            Check.Message(DispatchTopic, Dispatch.With("queue[1].idealCycleTimeS", 0)).Problem,
            Is.EqualTo("$.queue[1].idealCycleTimeS: 0 must be a finite number > 0"));

    [Test]
    public void Validate_ProgressForAnotherWorkOrder_SaysBoth() =>
        Assert.That(
            Check.Message(ProgressTopic, Progress.With("workOrderId", "WO-1002")).Problem,
            Is.EqualTo("$.workOrderId: 'WO-1002' does not match the topic's 'WO-1001'"));

    [Test]
    public void Validate_YieldAboveOne_IsInvalid() =>
        Assert.That(Check.Message(ProgressTopic, Progress.With("yield", 1.02)).Problem, Is.EqualTo("$.yield: 1.02 is outside [0, 1]"));

    [Test]
    public void Validate_NegativeRemaining_IsInvalid() =>
        Assert.That(
            Check.Message(ProgressTopic, Progress.With("remaining", -1)).Problem,
            Is.EqualTo("$.remaining: -1 must be a finite number >= 0"));

    [Test]
    public void Validate_ProgressWithoutEta_IsValid() =>
        Assert.That(Check.Message(ProgressTopic, Progress.Without("etaTs")).IsValid, Is.True);

    [Test]
    public void Validate_NegativeWaitingUnits_NamesTheOperation() =>
        Assert.That(
            Check.Message(WipTopic, Wip.With("operations[1].waiting", -3)).Problem,
            Is.EqualTo("$.operations[1].waiting: -3 must be a finite number >= 0"));

    [Test]
    public void Validate_WipOperationThatIsNotAName_NamesTheOperation() =>
        Assert.That(
            Check.Message(WipTopic, Wip.With("operations[2].operation", "op 30")).Problem,
            Does.StartWith("$.operations[2].operation: 'op 30' contains 'space'"));

    [Test]
    public void Validate_WipOperationWithNullWorkCenter_IsValid() =>
        Assert.That(Check.Message(WipTopic, Wip.With("operations[0].workCenter", null)).IsValid, Is.True);

    [Test]
    public void Validate_EmptyWip_IsValid() =>
        Assert.That(Check.Message(WipTopic, Wip.With("operations", new JsonArray())).IsValid, Is.True);
}

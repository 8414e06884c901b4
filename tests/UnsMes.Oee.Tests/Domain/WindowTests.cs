using UnsMes.Oee.Domain;
using UnsMes.Uns.Payloads;
using static UnsMes.Oee.Tests.Domain.Plant;

namespace UnsMes.Oee.Tests.Domain;

/// <summary>Hour, day, shift and work-order windows: splitting, the time outside the shifts, closing.</summary>
public class WindowTests
{
    [Test]
    public void ShiftBoundary_InsideAStop_SplitsTheStopBetweenBothShifts()
    {
        var oee = new OeeCalculator(Calendars.TwoShifts);
        oee.State(Press, "06:00", MachineState.Running);
        oee.State(Press, "13:40", MachineState.Down, "jam");
        oee.State(Press, "14:20", MachineState.Running);
        oee.State(Press, "22:00", MachineState.Idle);
        oee.Advance("22:10");

        // Down 13:40-14:20 = 2,400 s: 1,200 s before 14:00 (shift A, hour 13), 1,200 s after (shift B, hour 14).
        // Each shift: PBT 28,800 s, run time 28,800 - 1,200 = 27,600 s. The day holds all 2,400 s; one episode.
        var a = oee.Figures(Press, ShiftA);
        var b = oee.Figures(Press, ShiftB);
        Assert.Multiple(() =>
        {
            Assert.That(a.Losses.AvailabilityByReasonS["jam"], Is.EqualTo(1_200));
            Assert.That(b.Losses.AvailabilityByReasonS["jam"], Is.EqualTo(1_200));
            Assert.That((a.PlannedBusyTimeS, a.RunTimeS), Is.EqualTo((28_800.0, 27_600.0)));
            Assert.That((b.PlannedBusyTimeS, b.RunTimeS), Is.EqualTo((28_800.0, 27_600.0)));
            Assert.That(oee.Figures(Press, Hour(13)).Losses.AvailabilityByReasonS["jam"], Is.EqualTo(1_200));
            Assert.That(oee.Figures(Press, Hour(14)).Losses.AvailabilityByReasonS["jam"], Is.EqualTo(1_200));
            Assert.That(oee.Figures(Press, Today).Losses.AvailabilityByReasonS["jam"], Is.EqualTo(2_400));
            Assert.That(oee.Episodes(Press).Single(e => e.State == MachineState.Down).DurationS, Is.EqualTo(2_400));
        });
    }

    [Test]
    public void NoShiftPlanned_MachineIdleAfterTheShift_CostsNoAvailability()
    {
        var oee = new OeeCalculator(Calendars.DayShift);
        oee.State(Press, "06:00", MachineState.Running);
        oee.State(Press, "14:00", MachineState.Idle);
        oee.Advance("23:00");

        // 14:00-23:00 is outside every shift and not running: outside PBT. Hour 15 has nothing planned, so every
        // factor is 0 (not "down"); the day's PBT is the shift's 28,800 s with A = 1.
        var hour15 = oee.Figures(Press, Hour(15));
        var day = oee.Figures(Press, Today);
        Assert.Multiple(() =>
        {
            Assert.That((hour15.PlannedBusyTimeS, hour15.Availability, hour15.Oee), Is.EqualTo((0.0, 0.0, 0.0)));
            Assert.That(hour15.Losses.AvailabilityByReasonS, Is.Empty);
            Assert.That((day.PlannedBusyTimeS, day.Availability), Is.EqualTo((28_800.0, 1.0)));
            Assert.That(day.Losses.AvailabilityByReasonS, Is.Empty);
        });
    }

    [Test]
    public void Overtime_RunningAfterTheShift_CountsInHourAndDayButNoShift()
    {
        var oee = new OeeCalculator(Calendars.DayShift);
        oee.State(Press, "06:00", MachineState.Running);
        oee.State(Press, "15:00", MachineState.Idle);
        oee.Advance("16:00");

        // Running 14:00-15:00 outside the shift is overtime: hour 14 PBT 3,600 s, day 28,800 + 3,600 = 32,400 s.
        Assert.Multiple(() =>
        {
            Assert.That(oee.Figures(Press, Hour(14)).PlannedBusyTimeS, Is.EqualTo(3_600));
            Assert.That(oee.Figures(Press, Today).PlannedBusyTimeS, Is.EqualTo(32_400));
            Assert.That(oee.Figures(Press, ShiftA).PlannedBusyTimeS, Is.EqualTo(28_800));
        });
    }

    [Test]
    public void NightShift_AfterMidnight_BelongsToTheDateItStarted()
    {
        var oee = new OeeCalculator(Calendars.ThreeShifts);
        oee.State(Press, "22:00", MachineState.Running);
        oee.State(Press, "06:00", MachineState.Idle, days: 1);
        oee.Advance("06:10", days: 1);

        // 22:00-06:00 = 28,800 s less the 02:00-02:30 break the machine ran through: PBT 28,800 s, all in "2026-11-23/N".
        var night = oee.Figures(Press, new WindowKey(WindowKind.Shift, "2026-11-23/N"));
        Assert.Multiple(() =>
        {
            Assert.That((night.Window.StartMs, night.Window.EndMs), Is.EqualTo((PlantTime.At("22:00"), (long?)PlantTime.At("06:00", days: 1))));
            Assert.That(night.PlannedBusyTimeS, Is.EqualTo(28_800));
            Assert.That(night.Closed, Is.True);
            Assert.That(oee.Result(Press, new WindowKey(WindowKind.Shift, "2026-11-24/N")), Is.Null);
        });
    }

    [Test]
    public void ClosedWindow_StateForItArrivesLater_IsRefusedWithTheReason()
    {
        var oee = new OeeCalculator(Calendars.DayShift);
        oee.State(Press, "06:00", MachineState.Running);
        oee.Advance("10:10");

        // Hour 9 ended at 10:00 and closed at 10:10 (10 min lateness): its figures are final.
        var refused = oee.RecordState(Press, new MachineStateChange(PlantTime.At("10:10"), MachineState.Down, PlantTime.At("09:30"), "jam"));
        var hour9 = oee.Figures(Press, Hour(9));
        Assert.Multiple(() =>
        {
            Assert.That(refused.Refusal?.Reason, Is.EqualTo(OeeRefusalReason.WindowClosed));
            Assert.That(refused.Refusal?.Message, Does.StartWith("window already closed"));
            Assert.That((hour9.Closed, hour9.RunTimeS), Is.EqualTo((true, 3_600.0)));
        });
    }

    [Test]
    public void ClosedWindow_CountForItArrivesLater_IsRefusedAndItsUnitsGoToTheNextReading()
    {
        var oee = new OeeCalculator(Calendars.DayShift);
        oee.State(Press, "06:00", MachineState.Running);
        oee.Count(Press, "06:00", 0, 0, 2.0);
        oee.Advance("07:10");

        var refused = oee.RecordCount(Press, new CounterReading(PlantTime.At("06:59"), 1_000, 0, 2.0));
        oee.Count(Press, "07:30", 1_500, 0, 2.0);

        // The refused reading left the counter at 0, so the 07:30 reading brings all 1,500 units into hour 7.
        Assert.Multiple(() =>
        {
            Assert.That(refused.Refusal?.Reason, Is.EqualTo(OeeRefusalReason.WindowClosed));
            Assert.That(oee.Figures(Press, Hour(6)).TotalCount, Is.Zero);
            Assert.That(oee.Figures(Press, Hour(7)).TotalCount, Is.EqualTo(1_500));
        });
    }

    [Test]
    public void WorkOrders_StateAndCountsCarryIds_EachOrderHasItsOwnWindowUntilItEnds()
    {
        var oee = new OeeCalculator(Calendars.DayShift);
        oee.State(Press, "06:00", MachineState.Running, workOrder: "WO-1");
        oee.Count(Press, "06:00", 0, 0, 2.0, "WO-1");
        oee.Count(Press, "07:59:59", 3_600, 0, 2.0, "WO-1");
        oee.State(Press, "08:00", MachineState.Setup, "changeover", workOrder: "WO-2");
        oee.State(Press, "08:15", MachineState.Running, workOrder: "WO-2");
        oee.Count(Press, "08:59:59", 4_950, 0, 2.0, "WO-2");
        var ended = oee.EndWorkOrder("WO-1", PlantTime.At("08:00"));
        oee.Advance("09:00");

        // WO-1: 06:00-08:00 running, 3,600 x 2 s = 7,200 s ideal: A = P = 1.
        // WO-2: setup 900 s + running 2,700 s = PBT 3,600 s, A = 0.75; 1,350 x 2 = 2,700 s ideal: P = 1.
        var first = oee.Figures(Press, new WindowKey(WindowKind.WorkOrder, "WO-1"));
        var second = oee.Figures(Press, new WindowKey(WindowKind.WorkOrder, "WO-2"));
        Assert.Multiple(() =>
        {
            Assert.That(ended.Notices.OfType<WindowClosedNotice>().Single().Window.Key.Id, Is.EqualTo("WO-1"), "ended at 08:00, the watermark is past 08:10");
            Assert.That((first.PlannedBusyTimeS, first.TotalCount, first.Oee), Is.EqualTo((7_200.0, 3_600L, 1.0)));
            Assert.That((first.Window.StartMs, first.Window.EndMs), Is.EqualTo((PlantTime.At("06:00"), (long?)PlantTime.At("08:00"))));
            Assert.That(first.Closed, Is.True);
            Assert.That((second.PlannedBusyTimeS, second.Availability, second.Performance), Is.EqualTo((3_600.0, 0.75, 1.0)));
            Assert.That(second.Losses.SetupS, Is.EqualTo(900));
        });
    }

    [Test]
    public void EndWorkOrder_TimeAlreadyBookedAfterTheEnd_IsTakenBack()
    {
        var oee = new OeeCalculator(Calendars.DayShift);
        oee.State(Press, "06:00", MachineState.Running, workOrder: "WO-1");
        oee.Advance("08:05");

        // The machine still reported WO-1 until 08:05; the order ended at 08:00: 2 h = 7,200 s remain, hour 8 keeps its 300 s.
        var ended = oee.EndWorkOrder("WO-1", PlantTime.At("08:00"));
        Assert.Multiple(() =>
        {
            Assert.That(ended.Accepted, Is.True);
            Assert.That(oee.Figures(Press, new WindowKey(WindowKind.WorkOrder, "WO-1")).PlannedBusyTimeS, Is.EqualTo(7_200));
            Assert.That(oee.Figures(Press, Hour(8)).PlannedBusyTimeS, Is.EqualTo(300));
            Assert.That(oee.EndWorkOrder("WO-9", PlantTime.At("08:00")).Refusal?.Reason, Is.EqualTo(OeeRefusalReason.UnknownWorkOrder));
        });
    }

    [Test]
    public void WorkOrderId_SeenAgainAfterItsWindowWasForgotten_OpensANewWindowWithoutTheOldBookings()
    {
        var oee = new OeeCalculator(Calendars.DayShift);
        oee.State(Press, "06:00", MachineState.Running, workOrder: "WO-1");
        oee.Advance("07:00");
        oee.EndWorkOrder("WO-1", PlantTime.At("07:00"));
        // Two days later the WO-1 window is forgotten, but the running segment that booked into it is still kept.
        oee.Advance("08:00", days: 2);
        oee.Count(Press, "08:00", 0, 0, 2.0, "WO-1", days: 2);
        oee.Count(Press, "08:10", 300, 0, 2.0, "WO-1", days: 2);

        // The running segment ends now and is booked anew: the new WO-1 window must not lose the old window's hour.
        var idle = oee.State(Press, "08:30", MachineState.Idle, days: 2);
        var workOrder = oee.Figures(Press, new WindowKey(WindowKind.WorkOrder, "WO-1"));
        Assert.Multiple(() =>
        {
            Assert.That(idle.Accepted, Is.True);
            Assert.That(workOrder.TotalCount, Is.EqualTo(300));
            Assert.That(OeeFigureChecks.Violations(oee), Is.Empty);
        });
    }
}

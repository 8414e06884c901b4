namespace UnsMes.Oee.Domain;

/// <summary>
/// Books units counted by a reading into the windows containing its time (not spread over the interval since the
/// previous reading): its hour, day and shift, and its work order's window while that has not ended.
/// </summary>
internal sealed class UnitBooking(TimeBooking booking, WindowRegistry windows)
{
    public void Book(MachineAccount account, CounterReading reading, CounterStep step, double lineIdealCycleTimeS)
    {
        if (step.Good == 0 && step.Scrap == 0)
        {
            return;
        }

        foreach (var window in booking.WindowsAt(reading.Ts, reading.WorkOrderId))
        {
            windows.Touch(window, reading.Ts);
            account.Tally(window.Key).BookUnits(step.Good, step.Scrap, reading.IdealCycleTimeS, lineIdealCycleTimeS, reading.ProductId);
            if (window.Kind == WindowKind.WorkOrder)
            {
                // Its end may not be set before units it holds.
                windows.NoteCount(window.Id, reading.Ts);
            }
        }
    }
}

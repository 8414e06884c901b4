namespace UnsMes.Uns.Topics;

/// <summary>
/// The topic families of the namespace. Each one is the segment after the ISA-95 path (e.g. <c>_state</c>); it tells
/// a consumer what the payload is and whether the topic holds retained current state or carries events.
/// </summary>
public enum UnsContract
{
    /// <summary><c>_state</c>: a machine's current state (running, down with a reason, ...).</summary>
    State,
    /// <summary><c>_count</c>: a machine's cumulative good and scrap counters.</summary>
    Count,
    /// <summary><c>_tag/{tag}</c>: one process value (temperature, spindle load, ...).</summary>
    Tag,
    /// <summary><c>_event/{type}</c>: something that happened (state change, fault, alarm, ...).</summary>
    Event,
    /// <summary><c>_cmd/{command}</c>: an operator's or system's request (classify downtime, log in, ...).</summary>
    Command,
    /// <summary><c>_downtime</c>: a downtime episode opened or closed, with reason and duration.</summary>
    Downtime,
    /// <summary><c>_oee/{window}</c>: availability, performance, quality and losses for a scope and window.</summary>
    Oee,
    /// <summary><c>_workorder/{id}</c>: a work order (job order) released by the ERP.</summary>
    WorkOrder,
    /// <summary><c>_dispatch</c>: the work orders a line should run, in order.</summary>
    Dispatch,
    /// <summary><c>_progress/{id}</c>: a work order's progress, rate, yield and ETA on a line.</summary>
    Progress,
    /// <summary><c>_wip</c>: units waiting and in process at each operation of a line.</summary>
    Wip,
    /// <summary><c>_opcompletion/{id}</c>: an operation of a work order reported complete (good, scrap).</summary>
    OperationCompletion,
    /// <summary><c>_consumption/{id}</c>: measured material consumption for a work order.</summary>
    Consumption,
    /// <summary><c>_labor/{id}</c>: an operator's time on an operation of a work order.</summary>
    Labor,
    /// <summary><c>_completion/{id}</c>: the final job response of a work order, written back to the ERP.</summary>
    Completion,
    /// <summary><c>_master/{kind}/{id}</c>: master data synced from the ERP (products, work centers, employees).</summary>
    Master,
    /// <summary><c>_status/{service}</c>: a service's health and key figures.</summary>
    Status,
    /// <summary><c>_deadletter/{source}</c>: a message that was rejected, with the reason.</summary>
    DeadLetter,
}

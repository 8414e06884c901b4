using UnsMes.Uns.Topics;

namespace UnsMes.Oee.Domain;

/// <summary>Something the caller should publish or log, reported with the input that caused it.</summary>
public abstract record OeeNotice;

/// <summary>A downtime episode opened, closed, changed or was withdrawn: publish it on <c>_downtime</c>.</summary>
public sealed record DowntimeNotice(DowntimeEpisode Episode, DowntimeChange Change) : OeeNotice;

/// <summary>The window's figures are final now: publish them once more with <c>closed: true</c>.</summary>
public sealed record WindowClosedNotice(OeeWindow Window) : OeeNotice;

/// <summary>
/// A counter went down (PLC restart, wrap): the new values were counted from zero. Good and scrap are the
/// cumulative values before and after.
/// </summary>
public sealed record CounterResetNotice(IsaPath Cell, long AtMs, long PreviousGood, long PreviousScrap, long Good, long Scrap) : OeeNotice;

/// <summary>A counter reading older than the latest one seen was ignored: the later cumulative value already holds its units.</summary>
public sealed record StaleCountNotice(IsaPath Cell, long AtMs, long LatestMs) : OeeNotice;

/// <summary>
/// The first counter reading of a machine only sets the baseline: units made before it cannot be told apart from
/// units made before the calculator started.
/// </summary>
public sealed record CounterBaselineNotice(IsaPath Cell, long AtMs, long Good, long Scrap) : OeeNotice;

/// <summary>
/// The first state of a machine began in a window that is already final (a retained state from long ago): its time is
/// booked from <see cref="StartMs"/>, the watermark, instead.
/// </summary>
public sealed record StateStartMovedNotice(IsaPath Cell, long ReportedSinceMs, long StartMs) : OeeNotice;

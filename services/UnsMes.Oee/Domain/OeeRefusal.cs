namespace UnsMes.Oee.Domain;

/// <summary>Why the calculator did not take an input; nothing changed.</summary>
public sealed record OeeRefusal(OeeRefusalReason Reason, string Message);

public enum OeeRefusalReason
{
    /// <summary>The input's time lies in a window whose figures are already final.</summary>
    WindowClosed,
    /// <summary>The input is older than the state history the calculator keeps.</summary>
    OlderThanHistory,
    /// <summary>No such downtime episode on that machine.</summary>
    UnknownEpisode,
    /// <summary>No time or units were ever booked under that work order.</summary>
    UnknownWorkOrder,
    /// <summary>The input breaks a rule of its own (negative counter, a cell path that is no cell, ...).</summary>
    Invalid,
}

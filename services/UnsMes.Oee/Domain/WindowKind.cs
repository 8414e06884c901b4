using System.Text.Json.Serialization;

namespace UnsMes.Oee.Domain;

/// <summary>The periods OEE is reported over.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<WindowKind>))]
public enum WindowKind
{
    /// <summary>A UTC clock hour.</summary>
    Hour,
    /// <summary>A UTC date (published as <c>today</c>).</summary>
    Day,
    /// <summary>One occurrence of a shift of the calendar; a night shift belongs to the date it started.</summary>
    Shift,
    /// <summary>Everything booked under one work order id, from the state and count reports.</summary>
    WorkOrder,
}

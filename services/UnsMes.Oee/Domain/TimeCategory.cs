using System.Text.Json.Serialization;

namespace UnsMes.Oee.Domain;

/// <summary>Where a slice of a machine's time is booked.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<TimeCategory>))]
public enum TimeCategory
{
    /// <summary>Outside planned busy time: a planned stop, or not running outside the shifts and breaks. Never booked.</summary>
    Excluded,
    /// <summary>Running: run time.</summary>
    Running,
    /// <summary>A stop shorter than the micro-stop threshold: inside run time, a performance loss.</summary>
    MicroStop,
    /// <summary>Setup and changeover: an availability loss of its own.</summary>
    Setup,
    /// <summary>A longer unplanned stop: an availability loss, booked by reason.</summary>
    Availability,
}

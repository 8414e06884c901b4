using System.ComponentModel.DataAnnotations;

namespace UnsMes.Historian.Ingest.Sparkplug;

/// <summary>
/// Recording Sparkplug B (<c>Historian:Sparkplug</c>): on by default, so a plant whose edge runs with
/// <c>Edge:Output=Sparkplug</c> has history without further settings; subscribing <c>spBv1.0/#</c> costs nothing
/// where nobody publishes Sparkplug.
/// </summary>
public sealed class SparkplugIngestOptions
{
    /// <summary>Subscribe to <see cref="Filter"/> and record births and data as tags <c>spBv1.0/{group}/{edge}/{device}/{metric}</c>.</summary>
    public bool Enabled { get; set; } = true;

    /// <summary>The Sparkplug topics recorded; narrow it to one group with <c>spBv1.0/{group}/#</c>.</summary>
    [Required]
    public string Filter { get; set; } = "spBv1.0/#";

    /// <summary>
    /// Ask an edge node for its births (NCMD <c>Node Control/Rebirth</c>) when its data cannot be read because the
    /// birth was not seen, as the specification asks of a host application. Needs publish rights on
    /// <c>spBv1.0/{group}/NCMD/{edge}</c>.
    /// </summary>
    public bool RequestRebirth { get; set; } = true;

    /// <summary>At most one rebirth request per edge node within this many seconds.</summary>
    [Range(1, 3600)]
    public int RebirthIntervalSeconds { get; set; } = 10;
}

using System.ComponentModel.DataAnnotations;

namespace UnsMes.EdgePublisher;

/// <summary>The edge publisher's settings, bound from the <c>Edge</c> section and validated at start.</summary>
public sealed class EdgeOptions
{
    public const string SectionName = "Edge";

    /// <summary>A plant model YAML file; empty runs the built-in demo plant.</summary>
    public string? PlantModel { get; set; }

    /// <summary>Run the simulated plant at all (off when the edge only bridges real devices).</summary>
    public bool Simulate { get; set; } = true;

    /// <summary>Machine time per real time: 60 runs an hour of production per minute (tests and demos).</summary>
    [Range(0.01, 10_000)]
    public double Speed { get; set; } = 1;

    /// <summary>
    /// Start the plant this many hours in the past, so an accelerated run produces a history that ends now;
    /// machine time never runs ahead of the wall clock (future timestamps are refused by the broker).
    /// </summary>
    [Range(0, 24 * 365)]
    public double StartHoursAgo { get; set; }

    public EdgeOutput Output { get; set; } = EdgeOutput.Uns;

    /// <summary>A tag is published at most this often, and only when it moved past its deadband.</summary>
    [Range(0, 3_600_000)]
    public int TagIntervalMs { get; set; } = 1000;

    /// <summary>A tag that did not move is published again after this long, so consumers know it is alive.</summary>
    [Range(1, 86_400)]
    public int HeartbeatSeconds { get; set; } = 60;

    public StoreAndForwardOptions StoreAndForward { get; set; } = new();

    public SparkplugOptions Sparkplug { get; set; } = new();
}

public enum EdgeOutput
{
    /// <summary>Plain UNS JSON under <c>uns/v1/...</c> (see uns-topics.md).</summary>
    Uns,
    /// <summary>Sparkplug B under <c>spBv1.0/...</c>.</summary>
    Sparkplug,
}

public sealed class StoreAndForwardOptions
{
    /// <summary>The buffer file (SQLite) that holds messages while the broker is away.</summary>
    [Required]
    public string Path { get; set; } = "data/edge/store-and-forward.db";

    /// <summary>Past this many buffered messages the oldest are dropped, counted and logged.</summary>
    [Range(1, 100_000_000)]
    public int MaxMessages { get; set; } = 2_000_000;

    /// <summary>How long one publish may wait for the broker before the message is buffered instead.</summary>
    [Range(100, 600_000)]
    public int PublishTimeoutMs { get; set; } = 5000;
}

public sealed class SparkplugOptions
{
    [Required]
    public string GroupId { get; set; } = "UnsMes";

    /// <summary>Defaults to the site name of the plant model.</summary>
    public string? EdgeNodeId { get; set; }
}

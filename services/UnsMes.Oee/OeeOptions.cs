using System.ComponentModel.DataAnnotations;
using UnsMes.Uns.Calendar;

namespace UnsMes.Oee;

/// <summary>The OEE calculator's settings, bound from the <c>Oee</c> section and validated at start.</summary>
public sealed class OeeOptions
{
    public const string SectionName = "Oee";

    /// <summary>The plant's shifts (UTC times of day); when empty, the plant-wide <c>Shifts</c> section; when that is empty too, around the clock.</summary>
    public List<ShiftOptions> Shifts { get; set; } = [];

    /// <summary>Stops shorter than this are micro-stops: performance loss, not availability loss.</summary>
    [Range(0, 3600)]
    public int MicroStopThresholdSeconds { get; set; } = 120;

    /// <summary>How long after its end a window still takes late data before its figures are final.</summary>
    [Range(0, 24 * 60)]
    public int AllowedLatenessMinutes { get; set; } = 10;

    /// <summary>The ideal cycle time when neither the work order's routing nor the count message gives one.</summary>
    [Range(0.001, 86_400)]
    public double DefaultIdealCycleTimeS { get; set; } = 60;

    /// <summary>The cell whose output is the line's output, per line path ("acme/dayton/machining/line1": "cmm01").</summary>
    public Dictionary<string, string> LineOutputs { get; set; } = [];

    /// <summary>How often changed figures are published (a state or count change reaches its OEE within this).</summary>
    [Range(50, 60_000)]
    public int PublishIntervalMs { get; set; } = 1000;

    /// <summary>Where the calculator's snapshot is kept between restarts: a local file, or a Dapr state store.</summary>
    public OeeStateStoreKind StateStore { get; set; } = OeeStateStoreKind.File;

    /// <summary>The snapshot file, when <see cref="StateStore"/> is <see cref="OeeStateStoreKind.File"/>.</summary>
    [Required]
    public string StatePath { get; set; } = "data/oee/state.json";

    /// <summary>The Dapr state store component's name, when <see cref="StateStore"/> is <see cref="OeeStateStoreKind.Dapr"/>.</summary>
    [Required]
    public string DaprStateStoreName { get; set; } = "statestore";

    /// <summary>The key the snapshot is kept under in the Dapr state store.</summary>
    [Required]
    public string DaprStateKey { get; set; } = "oee-snapshot";

    [Range(1, 3600)]
    public int SnapshotIntervalSeconds { get; set; } = 30;

    public ShiftCalendar Calendar() => ShiftOptions.ToCalendar(Shifts);
}

/// <summary>Where the OEE calculator keeps its snapshot.</summary>
public enum OeeStateStoreKind
{
    /// <summary>A JSON file on local disk (the embedded default).</summary>
    File,

    /// <summary>A Dapr state store through the sidecar (Kubernetes).</summary>
    Dapr,
}

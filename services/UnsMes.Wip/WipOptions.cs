using System.ComponentModel.DataAnnotations;
using UnsMes.Uns.Calendar;

namespace UnsMes.Wip;

/// <summary>The WIP tracker's settings, bound from the <c>Wip</c> section and validated at start.</summary>
public sealed class WipOptions
{
    public const string SectionName = "Wip";

    /// <summary>The plant's shifts (UTC); when empty, the plant-wide <c>Shifts</c> section; when that is empty too, around the clock.</summary>
    public List<ShiftOptions> Shifts { get; set; } = [];

    /// <summary>
    /// Machines that share one operation's queue, by work center name ("lathe-cell": ["lathe01", "lathe02"]). A machine
    /// not listed is a work center of its own, named like the machine, as in the demo plant's routings.
    /// </summary>
    public Dictionary<string, List<string>> WorkCenters { get; set; } = [];

    /// <summary>The line a product runs on when its work order names none and no line has its first work center.</summary>
    public Dictionary<string, string> ProductLines { get; set; } = [];

    /// <summary>How far back rate and yield are measured for progress, ETA and promises.</summary>
    [Range(1, 7 * 24 * 60)]
    public int RateWindowMinutes { get; set; } = 60;

    /// <summary>
    /// Book the BOM's quantity per unit at the first operation for materials no lot was loaded for and no machine
    /// measures, so a plant without lot scanning still sees scrap's material cost as a variance.
    /// </summary>
    public bool AssumeBomConsumptionAtFirstOperation { get; set; } = true;

    /// <summary>How often changed WIP, dispatch and progress figures are published.</summary>
    [Range(50, 60_000)]
    public int PublishIntervalMs { get; set; } = 500;

    /// <summary>Where the tracker's snapshot is kept between restarts: a local file, or a Dapr state store.</summary>
    public WipStateStoreKind StateStore { get; set; } = WipStateStoreKind.File;

    [Required]
    public string StatePath { get; set; } = "data/wip/state.json";

    [Required]
    public string DaprStateStoreName { get; set; } = "statestore";

    [Required]
    public string DaprStateKey { get; set; } = "wip-snapshot";

    [Range(1, 3600)]
    public int SnapshotIntervalSeconds { get; set; } = 10;

    /// <summary>Where the append-only genealogy is kept: a SQLite file, or PostgreSQL at scale.</summary>
    public GenealogyStoreKind GenealogyStore { get; set; } = GenealogyStoreKind.Sqlite;

    /// <summary>The genealogy's SQLite file, when <see cref="GenealogyStore"/> is <see cref="GenealogyStoreKind.Sqlite"/>.</summary>
    [Required]
    public string GenealogyPath { get; set; } = "data/wip/genealogy.db";

    /// <summary>The PostgreSQL connection string, when <see cref="GenealogyStore"/> is <see cref="GenealogyStoreKind.Postgres"/>.</summary>
    public string? GenealogyConnectionString { get; set; }

    public ShiftCalendar Calendar() => ShiftOptions.ToCalendar(Shifts);

    /// <summary>The work center a machine belongs to.</summary>
    public string WorkCenterOf(string machine) =>
        WorkCenters.FirstOrDefault(w => w.Value.Contains(machine, StringComparer.Ordinal)).Key ?? machine;
}

public enum GenealogyStoreKind
{
    /// <summary>A SQLite file (the embedded default).</summary>
    Sqlite,

    /// <summary>A PostgreSQL database (Npgsql).</summary>
    Postgres,
}

public enum WipStateStoreKind
{
    /// <summary>A JSON file on local disk (the embedded default).</summary>
    File,

    /// <summary>A Dapr state store through the sidecar (Kubernetes).</summary>
    Dapr,
}

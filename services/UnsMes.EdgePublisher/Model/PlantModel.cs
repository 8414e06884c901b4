using UnsMes.Uns.Calendar;
using UnsMes.Uns.Topics;

namespace UnsMes.EdgePublisher.Model;

/// <summary>A plant as the simulator runs it: equipment hierarchy, machines, buffers, shifts and products.</summary>
public sealed record PlantModel(
    string Enterprise,
    string Site,
    int Seed,
    IReadOnlyList<AreaModel> Areas,
    ShiftCalendar Shifts,
    IReadOnlyList<ProductModel> Products)
{
    public IEnumerable<LineModel> Lines => Areas.SelectMany(a => a.Lines);

    public IEnumerable<MachineModel> Machines => Lines.SelectMany(l => l.Machines);

    public IsaPath SitePath => IsaPath.SiteOf(Enterprise, Site);

    public ProductModel? Product(string id) => Products.FirstOrDefault(p => p.Id == id);
}

public sealed record AreaModel(string Name, IReadOnlyList<LineModel> Lines);

/// <summary>
/// A line: machines in routing order with a buffer before each machine but the first. A continuous line (a rolling
/// mill) counts length instead of pieces.
/// </summary>
public sealed record LineModel(string Name, IsaPath Path, string Unit, bool Continuous, IReadOnlyList<MachineModel> Machines, int BufferCapacity);

public sealed record MachineModel(
    string Name,
    IsaPath Path,
    string Type,
    string Operation,
    double IdealCycleTimeS,
    double ScrapRate,
    double SetupMinutes,
    IReadOnlyList<FaultModel> Faults,
    IReadOnlyList<TagModel> Tags);

/// <summary>
/// A way a machine stops: mean time between (running minutes) and mean time to repair. A fault with a precursor
/// makes that tag rise during the warning window before it strikes (what predictive maintenance looks for); a fault
/// that resets tool wear models a tool change.
/// </summary>
public sealed record FaultModel(string Reason, string Text, double MtbfMinutes, double MttrMinutes, string? PrecursorTag, double WarningMinutes, bool ResetsWear);

/// <summary>A process value: normal operating value, noise, alarm band, and what drives it.</summary>
public sealed record TagModel(string Name, string Unit, double Nominal, double Noise, double Low, double High, TagDriver Driver, double Deadband);

public enum TagDriver
{
    /// <summary>Nominal plus noise while running; drifts toward ambient when stopped.</summary>
    Process,
    /// <summary>Rises with tool wear (spindle load, surface roughness).</summary>
    ToolWear,
    /// <summary>Rises before a fault whose precursor it is (vibration).</summary>
    Precursor,
}

public sealed record ProductModel(string Id, string Name, double CycleTimeFactor);

namespace UnsMes.Wip.Domain;

/// <summary>A machine as the tracker sees it: its counters, state, the order it works on, loaded lots, operators.</summary>
internal sealed class CellState
{
    public required string Path { get; set; }
    public required string Line { get; set; }
    public required string Machine { get; set; }
    public required string WorkCenter { get; set; }

    public long? LastGood { get; set; }
    public long? LastScrap { get; set; }
    public Dictionary<string, long> LastScrapByReason { get; set; } = [];
    public long? LastCycleEndMs { get; set; }
    public bool Running { get; set; }
    public string? CurrentWorkOrder { get; set; }

    /// <summary>The serial this machine finished last: a measured consumption is booked to it.</summary>
    public string? LastSerial { get; set; }

    /// <summary>Lots loaded at the machine, oldest first; the first of a material is the one in use.</summary>
    public List<LoadedLot> Lots { get; set; } = [];

    /// <summary>Materials this machine reports consumption for itself (no BOM booking for them here).</summary>
    public HashSet<string> MeasuredMaterials { get; set; } = [];

    /// <summary>Operators logged in, with the start of their current labor segment (epoch ms).</summary>
    public Dictionary<string, long> Operators { get; set; } = [];

    public LoadedLot? LotOf(string materialId) => Lots.FirstOrDefault(l => l.MaterialId == materialId);
}

internal sealed class LoadedLot
{
    public required string MaterialId { get; set; }
    public required string LotId { get; set; }

    /// <summary>What is left of the lot when its size was given at loading; null when unknown.</summary>
    public double? Remaining { get; set; }

    public string? Unit { get; set; }
}

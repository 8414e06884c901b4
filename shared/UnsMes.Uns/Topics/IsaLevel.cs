namespace UnsMes.Uns.Topics;

/// <summary>ISA-95 equipment hierarchy levels, numbered by their depth below the namespace root.</summary>
public enum IsaLevel
{
    /// <summary>Namespace-wide topics (service status, dead letters) that belong to no equipment.</summary>
    Root = 0,
    Enterprise = 1,
    Site = 2,
    Area = 3,
    Line = 4,
    /// <summary>A work cell: in a discrete plant, one machine.</summary>
    Cell = 5,
}

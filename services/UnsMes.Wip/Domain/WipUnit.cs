namespace UnsMes.Wip.Domain;

/// <summary>One serialized unit on the floor: which work order it belongs to, which routing step it waits for, since when.</summary>
internal sealed class WipUnit
{
    public required string Serial { get; set; }
    public required string WorkOrderId { get; set; }

    /// <summary>Index into the work order's routing of the operation the unit is waiting for.</summary>
    public int Step { get; set; }

    /// <summary>When the unit arrived at that operation (epoch ms): the end of the previous operation.</summary>
    public long EnteredMs { get; set; }
}

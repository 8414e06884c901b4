namespace UnsMes.EdgePublisher.Modbus;

/// <summary>
/// Groups a device's tags into as few reads as the specification allows: tags of one table whose addresses touch
/// or overlap share a read, up to 125 registers or 2000 bits. Gaps are never read across, because a device
/// answers IllegalDataAddress for an unmapped address and that would fail every tag in the read.
/// </summary>
public static class ModbusReadPlanner
{
    public static IReadOnlyList<ModbusReadBlock> Plan(IEnumerable<ModbusTagOptions> tags)
    {
        var blocks = new List<ModbusReadBlock>();
        foreach (var table in tags.GroupBy(t => t.RegisterType).OrderBy(g => g.Key))
        {
            var max = table.Key.MaxReadCount();
            var pending = new List<ModbusTagOptions>();
            int start = 0, end = 0;
            foreach (var tag in table.OrderBy(t => t.Address).ThenBy(t => t.Length))
            {
                var tagEnd = tag.Address + tag.Length;
                if (pending.Count > 0 && tag.Address <= end && Math.Max(end, tagEnd) - start <= max)
                {
                    pending.Add(tag);
                    end = Math.Max(end, tagEnd);
                    continue;
                }

                if (pending.Count > 0)
                {
                    blocks.Add(new ModbusReadBlock(table.Key, start, end - start, pending));
                }

                pending = [tag];
                start = tag.Address;
                end = tagEnd;
            }

            if (pending.Count > 0)
            {
                blocks.Add(new ModbusReadBlock(table.Key, start, end - start, pending));
            }
        }

        return blocks;
    }
}

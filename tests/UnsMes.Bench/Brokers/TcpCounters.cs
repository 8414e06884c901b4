using System.Globalization;

namespace UnsMes.Bench.Brokers;

/// <summary>
/// The kernel's TCP counters (Linux, whole machine): segments retransmitted, and segments a full receive queue
/// pruned or dropped. On loopback a drop costs a retransmission timeout (200 ms, then doubling) during which
/// nothing moves, which is why a scenario's stalls are worth pinning on them.
/// </summary>
internal sealed record TcpCounters(long Retransmits, long ReceiveQueueDrops, long Prunes)
{
    private static readonly string[] DropCounters = ["RcvPruned", "TCPRcvQDrop", "TCPBacklogDrop", "TCPZeroWindowDrop"];

    public static TcpCounters? Read()
    {
        try
        {
            var ext = ReadTable("/proc/net/netstat", "TcpExt:");
            var tcp = ReadTable("/proc/net/snmp", "Tcp:");
            return new TcpCounters(
                tcp.GetValueOrDefault("RetransSegs"),
                DropCounters.Sum(c => ext.GetValueOrDefault(c)),
                ext.GetValueOrDefault("PruneCalled"));
        }
        catch (IOException)
        {
            return null;
        }
        catch (UnauthorizedAccessException)
        {
            return null;
        }
    }

    public static TcpCounters? Delta(TcpCounters? before, TcpCounters? after) =>
        before is null || after is null
            ? null
            : new TcpCounters(after.Retransmits - before.Retransmits, after.ReceiveQueueDrops - before.ReceiveQueueDrops, after.Prunes - before.Prunes);

    /// <summary>A /proc/net table: a header line of names and a line of values, both starting with the prefix.</summary>
    private static Dictionary<string, long> ReadTable(string path, string prefix)
    {
        var lines = File.ReadAllLines(path).Where(l => l.StartsWith(prefix, StringComparison.Ordinal)).ToList();
        if (lines.Count < 2)
        {
            return [];
        }

        var names = lines[0].Split(' ', StringSplitOptions.RemoveEmptyEntries).Skip(1);
        var values = lines[1].Split(' ', StringSplitOptions.RemoveEmptyEntries).Skip(1);
        return names.Zip(values).ToDictionary(p => p.First, p => long.TryParse(p.Second, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var v) ? v : 0);
    }
}

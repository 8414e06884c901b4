using Microsoft.Extensions.Options;

namespace UnsMes.Dashboard.Api;

/// <summary>The other services whose query APIs the dashboard reads: where each one lives and its API prefix.</summary>
internal sealed class PeerServices(IOptions<DashboardOptions> options)
{
    public sealed record Peer(string Key, string DisplayName, string? BaseUrl, string ApiPrefix);

    private readonly Dictionary<string, Peer> _peers = new(StringComparer.Ordinal)
    {
        ["oee"] = new("oee", "The OEE calculator", Clean(options.Value.OeeUrl), "/api/oee/"),
        ["wip"] = new("wip", "The WIP tracker", Clean(options.Value.WipUrl), "/api/wip/"),
        ["history"] = new("history", "The historian", Clean(options.Value.HistorianUrl), "/api/history/"),
    };

    public Peer? Find(string key) => _peers.GetValueOrDefault(key);

    /// <summary>
    /// The peer's base URL; without one configured, the peer runs in this process and is reached where this request
    /// arrived (the all-in-one host), which is always an HTTP listener of this very server.
    /// </summary>
    public static Uri BaseOf(Peer peer, HttpContext context)
    {
        if (peer.BaseUrl is { } configured)
        {
            return new Uri(configured);
        }

        var local = context.Connection.LocalIpAddress ?? System.Net.IPAddress.Loopback;
        if (local.IsIPv4MappedToIPv6)
        {
            local = local.MapToIPv4();
        }

        var host = local.AddressFamily == System.Net.Sockets.AddressFamily.InterNetworkV6 ? $"[{local}]" : local.ToString();
        return new Uri($"{context.Request.Scheme}://{host}:{context.Connection.LocalPort}");
    }

    private static string? Clean(string? url) => string.IsNullOrWhiteSpace(url) ? null : url.TrimEnd('/');
}

using System.Net;
using System.Net.Sockets;

namespace UnsMes.Deploy.Tests.Support;

internal static class FreePort
{
    /// <summary>A loopback port nobody listens on right now (bind to 0, read it, release it).</summary>
    public static int Next()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();
        return port;
    }
}

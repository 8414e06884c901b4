using System.Net;
using System.Net.Sockets;

namespace UnsMes.Bench.Brokers;

/// <summary>A free loopback port: bind port 0, read what the system chose, release it for the broker to bind.</summary>
internal static class FreePort
{
    public static int Next()
    {
        var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        try
        {
            return ((IPEndPoint)listener.LocalEndpoint).Port;
        }
        finally
        {
            listener.Stop();
        }
    }
}

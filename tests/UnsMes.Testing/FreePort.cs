using System.Net;
using System.Net.Sockets;

namespace UnsMes.Testing;

/// <summary>MQTTnet cannot report the port it bound for port 0, so tests reserve a free loopback port first.</summary>
public static class FreePort
{
    public static int Next()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}

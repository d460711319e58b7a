using System.Net;
using System.Net.Sockets;

namespace CleanApp.Testing;

internal static class FreePort
{
    /// <summary>A loopback port nothing listens on right now (the system's pick).</summary>
    public static int Next()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}

using System.Net;
using System.Net.Sockets;

namespace CleanApp.Web.Security;

/// <summary>
/// Who the client is, for budgets and lockouts: its address (after trusted proxies), with an IPv6 client counted by its
/// /64 (one subscriber's network: a client rotating through its own addresses is still one client).
/// </summary>
internal static class ClientAddresses
{
    public static string Partition(IPAddress? address)
    {
        if (address is null)
        {
            return "unknown";
        }

        if (address.IsIPv4MappedToIPv6)
        {
            address = address.MapToIPv4();
        }

        if (address.AddressFamily != AddressFamily.InterNetworkV6)
        {
            return address.ToString();
        }

        Span<byte> bytes = stackalloc byte[16];
        address.TryWriteBytes(bytes, out _);
        bytes[8..].Clear();
        return new IPAddress(bytes).ToString() + "/64";
    }

    /// <summary>The client as the sessions and the password guesses see it.</summary>
    public static SessionClient Of(HttpContext http) => new(
        http.Request.Headers.UserAgent.ToString(), http.Connection.RemoteIpAddress?.ToString(), Partition(http.Connection.RemoteIpAddress));
}

using System.Net;
using System.Net.Sockets;

namespace ScoutPrime.Tokens.Web.Infrastructure;

/// <summary>Who a per-client limit counts: one key per client, whichever limit asks.</summary>
public static class ClientAddress
{
    /// <summary>
    /// The IPv4 address (also when it arrives mapped to IPv6), or the /64 network of an IPv6 one: one subscriber
    /// usually holds a whole /64, so counting single IPv6 addresses would let it rotate freely.
    /// </summary>
    public static string KeyOf(HttpContext context)
    {
        var ip = context.Connection.RemoteIpAddress;
        if (ip is null)
        {
            return "unknown";
        }

        ip = ip.IsIPv4MappedToIPv6 ? ip.MapToIPv4() : ip;
        if (ip.AddressFamily != AddressFamily.InterNetworkV6)
        {
            return ip.ToString();
        }

        var bytes = ip.GetAddressBytes();
        Array.Clear(bytes, 8, 8);
        return new IPAddress(bytes) + "/64";
    }
}

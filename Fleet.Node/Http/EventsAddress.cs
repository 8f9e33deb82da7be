using System.Net;

namespace Fleet.Node.Http;

/// <summary>Reads <c>--events-addr</c> as Go's net package does: <c>host:port</c>, or <c>:port</c> for every interface.</summary>
public static class EventsAddress
{
    public static IPEndPoint Parse(string address)
    {
        var colon = address.LastIndexOf(':');
        if (colon < 0 || !int.TryParse(address[(colon + 1)..], out var port) || port is < 1 or > 65535)
        {
            throw new ArgumentException($"--events-addr: \"{address}\" is not host:port or :port with a port from 1 to 65535");
        }
        var host = address[..colon].Trim('[', ']');
        if (host.Length == 0)
        {
            return new IPEndPoint(IPAddress.Any, port);
        }
        if (host == "localhost")
        {
            return new IPEndPoint(IPAddress.Loopback, port);
        }
        return IPAddress.TryParse(host, out var ip)
            ? new IPEndPoint(ip, port)
            : throw new ArgumentException($"--events-addr: \"{host}\" is not an IP address");
    }
}

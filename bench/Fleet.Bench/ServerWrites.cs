using System.Globalization;
using k8s;

namespace Fleet.Bench;

/// <summary>Counts the API server's writes between two readings.</summary>
public static class ServerWrites
{
    /// <summary>The API server's current resourceVersion: it grows by one per write, so a difference counts writes.</summary>
    public static async Task<long> ResourceVersionAsync(IKubernetes client, string ns)
    {
        var list = await client.CoreV1.ListNamespacedConfigMapAsync(ns, limit: 1);
        return long.Parse(list.Metadata.ResourceVersion, CultureInfo.InvariantCulture);
    }
}

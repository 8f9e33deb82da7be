using System.Text.Json.Nodes;

namespace Fleet.Node.Sandbox.Patching;

/// <summary>The defaults the API server fills in on every write (dry-run included).</summary>
public static class Defaulting
{
    /// <summary>Fills in defaults in place. Service cluster IPs are the store's job: see the overload.</summary>
    public static void Apply(string group, string kind, JsonObject obj) => Apply(group, kind, obj, null);

    /// <summary>
    /// Fills in defaults in place; <paramref name="allocateClusterIp"/> is asked for a Service's <c>clusterIP</c>
    /// when it has none and is not of type ExternalName.
    /// </summary>
    public static void Apply(string group, string kind, JsonObject obj, Func<string>? allocateClusterIp) => throw new NotSupportedException();
}

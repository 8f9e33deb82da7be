using Fleet.Node.Sandbox.Api;
using Fleet.Node.Sandbox.Catalog;

namespace Fleet.Node.Sandbox.Http;

/// <summary>A parsed resource URL: <c>/api/v1/[namespaces/{ns}/]{plural}[/{name}[/{subresource}]]</c> or the same
/// under <c>/apis/{group}/{version}</c>.</summary>
public sealed record ResourcePath(ResourceType Type, string? Namespace, string? Name, string? Subresource)
{
    /// <summary>Parses the segments after the group version; null when the resource is unknown (404).</summary>
    public static ResourcePath? Parse(ResourceCatalog catalog, string group, string version, IReadOnlyList<string> rest)
    {
        if (rest.Count == 0)
        {
            return null;
        }

        string? ns = null;
        var at = 0;

        // "namespaces/x/<plural>" is a namespaced collection; "namespaces/x/status" is the namespace's subresource.
        if (group.Length == 0 && rest[0] == "namespaces" && rest.Count >= 3 && catalog.Find(group, version, rest[2]) is { Namespaced: true })
        {
            ns = Unescape(rest[1]);
            at = 2;
        }
        else if (group.Length > 0 && rest[0] == "namespaces" && rest.Count >= 3)
        {
            ns = Unescape(rest[1]);
            at = 2;
        }

        var type = catalog.Find(group, version, rest[at]);
        if (type is null || rest.Count - at > 3)
        {
            return null;
        }

        var name = rest.Count > at + 1 ? Unescape(rest[at + 1]) : null;
        var sub = rest.Count > at + 2 ? rest[at + 2] : null;
        if (ns is not null && !type.Namespaced)
        {
            return null;
        }

        if (sub is not null && !(sub == "status" && type.HasStatus) && !(sub == "scale" && type.Scale is not null)
            && !(type.Kind == "Namespace" && sub == "finalize"))
        {
            return null;
        }

        return new ResourcePath(type, ns, name, sub);
    }

    public void RequireName()
    {
        if (Name is null)
        {
            throw ApiStatus.MethodNotAllowed("the server does not allow this method on the requested resource");
        }
    }

    private static string Unescape(string segment) => Uri.UnescapeDataString(segment);
}

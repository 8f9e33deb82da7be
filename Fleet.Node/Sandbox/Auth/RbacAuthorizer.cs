using System.Text.Json.Nodes;
using Fleet.Node.Sandbox.Api;
using Fleet.Node.Sandbox.Catalog;
using Fleet.Node.Sandbox.Store;

namespace Fleet.Node.Sandbox.Auth;

/// <summary>
/// RBAC as the API server evaluates it: a request is allowed when a ClusterRoleBinding (anywhere) or a RoleBinding
/// in the request's namespace binds the user, one of its groups or its service account to a Role or ClusterRole
/// with a rule matching the verb, API group, resource (or <c>resource/subresource</c>) and name.
/// </summary>
public sealed class RbacAuthorizer(ObjectStore store)
{
    private const string RbacGroup = "rbac.authorization.k8s.io";

    public bool Allows(RequestUser user, string verb, string group, string resource, string? subresource, string? ns, string? name)
    {
        if (user.IsAdmin)
        {
            return true;
        }

        var fullResource = subresource is null ? resource : $"{resource}/{subresource}";
        foreach (var binding in store.List($"{RbacGroup}/clusterrolebindings", null).Items)
        {
            if (Binds(binding, user) && RoleAllows(RoleOf(binding, null), verb, group, fullResource, name))
            {
                return true;
            }
        }

        if (ns is null)
        {
            return false;
        }

        foreach (var binding in store.List($"{RbacGroup}/rolebindings", ns).Items)
        {
            if (Binds(binding, user) && RoleAllows(RoleOf(binding, ns), verb, group, fullResource, name))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>The 403 the real server sends, e.g. <c>configmaps is forbidden: User "u" cannot create resource
    /// "configmaps" in API group "" in the namespace "ns"</c>.</summary>
    public static ApiException Forbidden(RequestUser user, string verb, ResourceType type, string? subresource, string? ns, string? name)
    {
        var resource = subresource is null ? type.Plural : $"{type.Plural}/{subresource}";
        var subject = name is null ? ApiStatus.Qualified(type.Group, resource) : $"{ApiStatus.Qualified(type.Group, resource)} \"{name}\"";
        var scope = ns is null ? "at the cluster scope" : $"in the namespace \"{ns}\"";
        return new ApiException(403, "Forbidden",
            $"{subject} is forbidden: User \"{user.Name}\" cannot {verb} resource \"{resource}\" in API group \"{type.Group}\" {scope}",
            ApiStatus.Details(name ?? "", type.Group, type.Plural));
    }

    private static bool Binds(JsonObject binding, RequestUser user) =>
        (binding["subjects"] as JsonArray ?? []).OfType<JsonObject>().Any(s =>
        {
            var kind = s["kind"]?.GetValue<string>();
            var name = s["name"]?.GetValue<string>();
            return kind switch
            {
                "User" => name == user.Name,
                "Group" => name is not null && user.Groups.Contains(name),
                "ServiceAccount" => user.Name == $"system:serviceaccount:{s["namespace"]?.GetValue<string>() ?? binding["metadata"]?["namespace"]?.GetValue<string>()}:{name}",
                _ => false,
            };
        });

    private JsonObject? RoleOf(JsonObject binding, string? ns)
    {
        var kind = binding["roleRef"]?["kind"]?.GetValue<string>();
        var name = binding["roleRef"]?["name"]?.GetValue<string>() ?? "";
        return kind switch
        {
            "ClusterRole" => store.Get($"{RbacGroup}/clusterroles", "", name),
            "Role" when ns is not null => store.Get($"{RbacGroup}/roles", ns, name),
            _ => null,
        };
    }

    private static bool RoleAllows(JsonObject? role, string verb, string group, string resource, string? name) =>
        role is not null && (role["rules"] as JsonArray ?? []).OfType<JsonObject>().Any(rule =>
            Contains(rule["verbs"], verb)
            && Contains(rule["apiGroups"], group)
            && (Contains(rule["resources"], resource) || (resource.Contains('/', StringComparison.Ordinal) && Contains(rule["resources"], resource.Split('/')[0] + "/*")))
            && (rule["resourceNames"] is not JsonArray { Count: > 0 } names || (name is not null && names.Any(n => n?.GetValue<string>() == name))));

    private static bool Contains(JsonNode? list, string value) =>
        list is JsonArray array && array.Any(v => v?.GetValue<string>() is { } s && (s == "*" || s == value));
}

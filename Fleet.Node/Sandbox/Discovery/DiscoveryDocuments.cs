using System.Text.Json.Nodes;
using Fleet.Node.Sandbox.Catalog;

namespace Fleet.Node.Sandbox.Discovery;

/// <summary>The legacy discovery documents (<c>/api</c>, <c>/apis</c>, <c>/api/v1</c>, <c>/apis/g/v</c>) and <c>/version</c>.</summary>
public static class DiscoveryDocuments
{
    public static JsonObject Version() => new()
    {
        ["major"] = "1",
        ["minor"] = "32",
        ["gitVersion"] = "v1.32.4",
        ["gitCommit"] = "0000000000000000000000000000000000000000",
        ["gitTreeState"] = "clean",
        ["buildDate"] = "2025-04-22T00:00:00Z",
        ["goVersion"] = "go1.23.6",
        ["compiler"] = "gc",
        ["platform"] = "linux/amd64",
    };

    public static JsonObject ApiVersions(string serverAddress) => new()
    {
        ["kind"] = "APIVersions",
        ["versions"] = new JsonArray("v1"),
        ["serverAddressByClientCIDRs"] = new JsonArray(new JsonObject { ["clientCIDR"] = "0.0.0.0/0", ["serverAddress"] = serverAddress }),
    };

    public static JsonObject GroupList(ResourceCatalog catalog)
    {
        var groups = new JsonArray();
        foreach (var (group, versions) in catalog.Groups())
        {
            groups.Add(Group(group, versions));
        }

        return new JsonObject { ["kind"] = "APIGroupList", ["apiVersion"] = "v1", ["groups"] = groups };
    }

    public static JsonObject Group(string group, IReadOnlyList<string> versions)
    {
        var list = new JsonArray();
        foreach (var version in versions)
        {
            list.Add(new JsonObject { ["groupVersion"] = $"{group}/{version}", ["version"] = version });
        }

        return new JsonObject
        {
            ["kind"] = "APIGroup",
            ["apiVersion"] = "v1",
            ["name"] = group,
            ["versions"] = list,
            ["preferredVersion"] = new JsonObject { ["groupVersion"] = $"{group}/{versions[0]}", ["version"] = versions[0] },
        };
    }

    public static JsonObject ResourceList(string groupVersion, IReadOnlyList<ResourceType> resources)
    {
        var list = new JsonArray();
        foreach (var r in resources)
        {
            var entry = new JsonObject
            {
                ["name"] = r.Plural,
                ["singularName"] = r.Singular,
                ["namespaced"] = r.Namespaced,
                ["kind"] = r.Kind,
                ["verbs"] = Strings(r.Verbs),
            };
            if (r.ShortNames.Count > 0)
            {
                entry["shortNames"] = Strings(r.ShortNames);
            }

            if (r.Categories.Count > 0)
            {
                entry["categories"] = Strings(r.Categories);
            }

            list.Add(entry);
            if (r.HasStatus)
            {
                list.Add(Subresource(r, "status", r.Kind, r.GroupVersion, ["get", "patch", "update"]));
            }

            if (r.Scale is not null)
            {
                list.Add(Subresource(r, "scale", "Scale", "autoscaling/v1", ["get", "patch", "update"]));
            }
        }

        return new JsonObject { ["kind"] = "APIResourceList", ["apiVersion"] = "v1", ["groupVersion"] = groupVersion, ["resources"] = list };
    }

    private static JsonObject Subresource(ResourceType r, string name, string kind, string groupVersion, string[] verbs)
    {
        var entry = new JsonObject
        {
            ["name"] = $"{r.Plural}/{name}",
            ["singularName"] = "",
            ["namespaced"] = r.Namespaced,
            ["kind"] = kind,
            ["verbs"] = Strings(verbs),
        };
        if (groupVersion != r.GroupVersion)
        {
            var slash = groupVersion.IndexOf('/', StringComparison.Ordinal);
            entry["group"] = groupVersion[..slash];
            entry["version"] = groupVersion[(slash + 1)..];
        }

        return entry;
    }

    private static JsonArray Strings(IEnumerable<string> values) => [.. values.Select(v => (JsonNode?)v)];
}

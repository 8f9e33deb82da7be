using System.Text.Json.Nodes;
using Fleet.Node.Sandbox.Catalog;

namespace Fleet.Node.Sandbox.Discovery;

/// <summary>The minimal <c>/openapi/v3</c> kubectl and helm need to validate with default flags: an index of group
/// versions, and per group version a <c>patch</c> operation per item path that declares the patch media types, the
/// group-version-kind and the <c>fieldValidation</c> parameter.</summary>
public static class OpenApiDocuments
{
    public static JsonObject Index(ResourceCatalog catalog)
    {
        var paths = new JsonObject();
        foreach (var gv in catalog.All.Where(r => !r.IsCustom).Select(r => r.Group.Length == 0 ? "api/v1" : $"apis/{r.GroupVersion}").Distinct())
        {
            paths[gv] = new JsonObject { ["serverRelativeURL"] = $"/openapi/v3/{gv}?hash={Hash(gv)}" };
        }

        return new JsonObject { ["paths"] = paths };
    }

    public static JsonObject? GroupVersion(ResourceCatalog catalog, string group, string version)
    {
        var resources = catalog.InGroupVersion(group, version);
        if (resources is null)
        {
            return null;
        }

        var paths = new JsonObject();
        foreach (var r in resources)
        {
            var prefix = group.Length == 0 ? "/api/v1" : $"/apis/{group}/{version}";
            var path = r.Namespaced ? $"{prefix}/namespaces/{{namespace}}/{r.Plural}/{{name}}" : $"{prefix}/{r.Plural}/{{name}}";
            var content = new JsonObject
            {
                ["application/apply-patch+yaml"] = Schema(),
                ["application/json-patch+json"] = Schema(),
                ["application/merge-patch+json"] = Schema(),
            };
            if (!r.IsCustom)
            {
                content["application/strategic-merge-patch+json"] = Schema();
            }

            paths[path] = new JsonObject
            {
                ["patch"] = new JsonObject
                {
                    ["operationId"] = $"patch{r.Kind}",
                    ["x-kubernetes-action"] = "patch",
                    ["x-kubernetes-group-version-kind"] = new JsonObject { ["group"] = group, ["version"] = version, ["kind"] = r.Kind },
                    ["parameters"] = new JsonArray(new JsonObject
                    {
                        ["name"] = "fieldValidation",
                        ["in"] = "query",
                        ["schema"] = new JsonObject { ["type"] = "string", ["uniqueItems"] = true },
                    }),
                    ["requestBody"] = new JsonObject { ["content"] = content, ["required"] = true },
                    ["responses"] = new JsonObject { ["200"] = new JsonObject { ["description"] = "OK" } },
                },
            };
        }

        return new JsonObject
        {
            ["openapi"] = "3.0.0",
            ["info"] = new JsonObject { ["title"] = "Kubernetes", ["version"] = "v1.32.4" },
            ["paths"] = paths,
            ["components"] = new JsonObject { ["schemas"] = new JsonObject() },
        };
    }

    private static JsonObject Schema() => new() { ["schema"] = new JsonObject { ["type"] = "object" } };

    private static string Hash(string gv) => Convert.ToHexString(System.Security.Cryptography.SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(gv)))[..16];
}

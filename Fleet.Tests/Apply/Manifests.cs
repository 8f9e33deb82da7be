using System.Text.Json.Nodes;

namespace Fleet.Tests.Apply;

/// <summary>Small manifests for the apply engine's tests.</summary>
internal static class Manifests
{
    public static JsonObject ConfigMap(string ns, string name, string value, JsonObject? annotations = null, bool immutable = false)
    {
        var manifest = new JsonObject
        {
            ["apiVersion"] = "v1",
            ["kind"] = "ConfigMap",
            ["metadata"] = Metadata(ns, name, annotations),
            ["data"] = new JsonObject { ["key"] = value },
        };
        if (immutable)
        {
            manifest["immutable"] = true;
        }

        return manifest;
    }

    public static JsonObject Namespace(string name) =>
        new() { ["apiVersion"] = "v1", ["kind"] = "Namespace", ["metadata"] = new JsonObject { ["name"] = name } };

    public static JsonObject Service(string ns, string name, int port) => new()
    {
        ["apiVersion"] = "v1",
        ["kind"] = "Service",
        ["metadata"] = Metadata(ns, name, null),
        ["spec"] = new JsonObject
        {
            ["selector"] = new JsonObject { ["app"] = name },
            ["ports"] = new JsonArray(new JsonObject { ["name"] = "http", ["port"] = port, ["targetPort"] = port }),
        },
    };

    public static JsonObject Deployment(string ns, string name, string selectorLabel) => new()
    {
        ["apiVersion"] = "apps/v1",
        ["kind"] = "Deployment",
        ["metadata"] = Metadata(ns, name, null),
        ["spec"] = new JsonObject
        {
            ["replicas"] = 0,
            ["selector"] = new JsonObject { ["matchLabels"] = new JsonObject { ["app"] = selectorLabel } },
            ["template"] = new JsonObject
            {
                ["metadata"] = new JsonObject { ["labels"] = new JsonObject { ["app"] = selectorLabel } },
                ["spec"] = new JsonObject { ["containers"] = new JsonArray(new JsonObject { ["name"] = "app", ["image"] = "registry.example/app:1" }) },
            },
        },
    };

    public static JsonObject Crd(string group, string kind, string plural) => new()
    {
        ["apiVersion"] = "apiextensions.k8s.io/v1",
        ["kind"] = "CustomResourceDefinition",
        ["metadata"] = new JsonObject { ["name"] = $"{plural}.{group}" },
        ["spec"] = new JsonObject
        {
            ["group"] = group,
            ["scope"] = "Namespaced",
            ["names"] = new JsonObject { ["kind"] = kind, ["plural"] = plural, ["singular"] = kind.ToLowerInvariant(), ["listKind"] = kind + "List" },
            ["versions"] = new JsonArray(new JsonObject
            {
                ["name"] = "v1",
                ["served"] = true,
                ["storage"] = true,
                ["schema"] = new JsonObject
                {
                    ["openAPIV3Schema"] = new JsonObject
                    {
                        ["type"] = "object",
                        ["properties"] = new JsonObject
                        {
                            ["spec"] = new JsonObject { ["type"] = "object", ["properties"] = new JsonObject { ["size"] = new JsonObject { ["type"] = "integer" } } },
                        },
                    },
                },
            }),
        },
    };

    public static JsonObject Custom(string group, string kind, string ns, string name, int size) => new()
    {
        ["apiVersion"] = $"{group}/v1",
        ["kind"] = kind,
        ["metadata"] = Metadata(ns, name, null),
        ["spec"] = new JsonObject { ["size"] = size },
    };

    private static JsonObject Metadata(string ns, string name, JsonObject? annotations)
    {
        var metadata = new JsonObject { ["name"] = name, ["namespace"] = ns };
        if (annotations is not null)
        {
            metadata["annotations"] = annotations;
        }

        return metadata;
    }
}

using System.Text.Json.Nodes;
using Fleet.Messages.Api;

namespace Fleet.Actors.Kube.Crds;

/// <summary>
/// Builds the apiextensions.k8s.io/v1 CustomResourceDefinition of a Flux kind from its CLR type,
/// and the files under <c>k8s/crds/</c> that hold them.
/// </summary>
public static class CrdGenerator
{
    /// <summary>The file that lists every CRD file for kustomize.</summary>
    public const string KustomizationFileName = "kustomization.yaml";

    public static JsonObject Generate(FluxKind kind)
    {
        var schema = CrdSchemaGenerator.ForType(kind.ClrType);
        if (schema["properties"]?["status"] is JsonObject status && status["properties"]?["observedGeneration"] is not null)
        {
            // As Flux: a new object reads as not yet observed (kstatus: in progress) until its first reconcile writes status.
            status["default"] = new JsonObject { ["observedGeneration"] = -1 };
        }
        var versions = new JsonArray(Version(kind, kind.Version, schema, storage: true));
        foreach (var alternate in kind.AlternateVersions)
        {
            var version = Version(kind, alternate, schema, storage: false);
            version["deprecated"] = true;
            version["deprecationWarning"] = $"{alternate} {kind.Kind} is deprecated, upgrade to {kind.Version}";
            versions.Add(version);
        }
        var names = new JsonObject
        {
            ["categories"] = new JsonArray("all", "fluxcd", Category(kind.Group)),
            ["kind"] = kind.Kind,
            ["listKind"] = kind.Kind + "List",
            ["plural"] = kind.Plural,
            ["singular"] = kind.Singular,
        };
        if (kind.ShortNames.Count > 0)
        {
            names["shortNames"] = new JsonArray(kind.ShortNames.Select(n => JsonValue.Create(n)).ToArray());
        }
        return CrdSchemaGenerator.SortKeys(new JsonObject
        {
            ["apiVersion"] = "apiextensions.k8s.io/v1",
            ["kind"] = "CustomResourceDefinition",
            ["metadata"] = new JsonObject { ["name"] = kind.CrdName },
            ["spec"] = new JsonObject
            {
                ["group"] = kind.Group,
                ["names"] = names,
                ["scope"] = "Namespaced",
                ["versions"] = versions,
            },
        });
    }

    /// <summary>Flux's file name for a CRD, e.g. <c>source.toolkit.fluxcd.io_gitrepositories.yaml</c>.</summary>
    public static string FileName(FluxKind kind) => $"{kind.Group}_{kind.Plural}.yaml";

    public static string ToYaml(JsonObject document) => "---\n" + YamlJson.Serialize(document).TrimEnd('\n') + "\n";

    /// <summary>Every file of the CRD directory, by name: one per kind and a kustomization listing them.</summary>
    public static IReadOnlyDictionary<string, string> Files(IEnumerable<FluxKind> kinds)
    {
        var files = kinds.ToDictionary(FileName, kind => ToYaml(Generate(kind)));
        var kustomization = new JsonObject
        {
            ["apiVersion"] = "kustomize.config.k8s.io/v1beta1",
            ["kind"] = "Kustomization",
            ["resources"] = new JsonArray(files.Keys.Order(StringComparer.Ordinal).Select(f => JsonValue.Create(f)).ToArray()),
        };
        files[KustomizationFileName] = ToYaml(kustomization);
        return files;
    }

    private static JsonObject Version(FluxKind kind, string name, JsonObject schema, bool storage) => new()
    {
        ["additionalPrinterColumns"] = new JsonArray(PrinterColumns.For(kind).Select(PrinterColumnNode).ToArray()),
        ["name"] = name,
        ["schema"] = new JsonObject { ["openAPIV3Schema"] = schema.DeepClone() },
        ["served"] = true,
        ["storage"] = storage,
        ["subresources"] = new JsonObject { ["status"] = new JsonObject() },
    };

    private static JsonNode PrinterColumnNode(PrinterColumn column)
    {
        var node = new JsonObject { ["jsonPath"] = column.JsonPath, ["name"] = column.Name, ["type"] = column.Type };
        if (column.Priority != 0)
        {
            node["priority"] = column.Priority;
        }
        return node;
    }

    /// <summary>Flux's per-controller category, so <c>kubectl get fluxcd-sources</c> lists every source.</summary>
    private static string Category(string group) => group switch
    {
        FluxGroups.Source => "fluxcd-sources",
        FluxGroups.Kustomize or FluxGroups.Helm => "fluxcd-appliers",
        FluxGroups.Notification => "fluxcd-notifications",
        FluxGroups.Image => "fluxcd-images",
        _ => throw new ArgumentException($"unknown Flux group {group}", nameof(group)),
    };
}

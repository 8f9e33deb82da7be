using System.Text.Json;
using System.Text.Json.Nodes;
using Fleet.Actors.Apply;

namespace Fleet.Actors.Kustomize.InProcess;

/// <summary>
/// Builds, without starting kustomize, a kustomization that only lists manifest files and kustomizations of the same
/// shape and may set a namespace: the common shape of a Flux repository, and the one a node builds most. The result
/// is what `kustomize build` would print, read back as JSON. Anything else (generators, patches, prefixes, images,
/// components, kinds the namespace transformer treats specially, YAML kustomize reads differently, anything kustomize
/// would reject) returns null, and kustomize itself builds it and reports its own errors.
/// </summary>
public static class InProcessBuild
{
    private const string KustomizeApiVersion = "kustomize.config.k8s.io/v1beta1";
    private const int MaxDepth = 16;

    private static readonly HashSet<string> PlainFields = ["apiVersion", "kind", "resources", "namespace"];

    // Kustomize keeps its own bookkeeping in annotations with these prefixes and strips them from its output.
    private static readonly string[] InternalAnnotationPrefixes =
        ["config.kubernetes.io/", "internal.config.kubernetes.io/", "config.k8s.io/", "kustomize.config.k8s.io/"];

    /// <summary>
    /// The objects kustomize would build from <paramref name="directory"/> with <paramref name="kustomization"/>, which
    /// <see cref="KustomizationGenerator.Compose"/> made from the spec, or null.
    /// </summary>
    public static IReadOnlyList<JsonObject>? TryBuild(string root, string directory, JsonObject kustomization)
    {
        root = Path.GetFullPath(root);
        directory = Path.GetFullPath(directory);
        var objects = Level(root, directory, kustomization, [], 0);
        if (objects is null || HasDuplicates(objects))
        {
            return null;
        }
        objects.ForEach(DropEmptyAnnotations);
        return objects;
    }

    private static List<JsonObject>? Level(string root, string directory, JsonObject kustomization, HashSet<string> visiting, int depth)
    {
        if (depth > MaxDepth || !IsPlain(kustomization) || kustomization["resources"] is not JsonArray { Count: > 0 } resources)
        {
            return null;
        }
        var ns = "";
        if (kustomization["namespace"] is { } declared && !TryString(declared, out ns))
        {
            return null;
        }
        var objects = new List<JsonObject>();
        foreach (var entry in resources)
        {
            if (!TryString(entry, out var reference) || KustomizationReferences.IsRemoteOrAbsolute(reference))
            {
                return null;
            }
            var path = Path.GetFullPath(Path.Combine(directory, reference));
            var found = !IsInside(root, path) ? null
                : File.Exists(path) ? ReadManifests(path)
                : Directory.Exists(path) ? Nested(root, path, visiting, depth)
                : null;
            if (found is null)
            {
                return null;
            }
            objects.AddRange(found);
        }
        if (ns.Length > 0 && !objects.All(o => KustomizeNamespace.TrySet(o, ns)))
        {
            return null;
        }
        return objects;
    }

    private static List<JsonObject>? Nested(string root, string directory, HashSet<string> visiting, int depth)
    {
        if (KustomizationGenerator.FindFile(directory) is not { } file || !visiting.Add(directory))
        {
            return null;
        }
        try
        {
            return Level(root, directory, KustomizationGenerator.Read(root, file), visiting, depth + 1);
        }
        catch (KustomizeBuildException)
        {
            return null;
        }
        finally
        {
            visiting.Remove(directory);
        }
    }

    private static bool IsPlain(JsonObject kustomization) =>
        kustomization.All(field => PlainFields.Contains(field.Key))
        && (kustomization["apiVersion"] is null || IsText(kustomization["apiVersion"], KustomizeApiVersion))
        && (kustomization["kind"] is null || IsText(kustomization["kind"], "Kustomization"));

    private static List<JsonObject>? ReadManifests(string file)
    {
        if (KustomizeYaml.TryParseDocuments(File.ReadAllText(file)) is not { Count: > 0 } documents)
        {
            return null;
        }
        var objects = new List<JsonObject>(documents.Count);
        foreach (var document in documents)
        {
            if (document is not JsonObject obj || !IsPlainObject(obj))
            {
                return null;
            }
            objects.Add(obj);
        }
        return objects;
    }

    private static bool IsPlainObject(JsonObject obj) =>
        TryString(obj["apiVersion"], out var apiVersion) && apiVersion.Length > 0
        && TryString(obj["kind"], out var kind) && kind.Length > 0 && !kind.EndsWith("List", StringComparison.Ordinal)
        && obj["metadata"] is JsonObject metadata
        && TryString(metadata["name"], out var name) && name.Length > 0
        && (!metadata.ContainsKey("namespace") || TryString(metadata["namespace"], out _))
        && (metadata["labels"] is null || IsStringMap(metadata["labels"]))
        && (!metadata.ContainsKey("annotations") || (IsStringMap(metadata["annotations"]) && !HasInternalAnnotation(metadata["annotations"]!.AsObject())));

    /// <summary>Kustomize prints no annotations map that is empty.</summary>
    private static void DropEmptyAnnotations(JsonObject obj)
    {
        var metadata = obj["metadata"]!.AsObject();
        if (metadata["annotations"] is JsonObject { Count: 0 })
        {
            metadata.Remove("annotations");
        }
    }

    private static bool HasDuplicates(IReadOnlyList<JsonObject> objects)
    {
        var seen = new HashSet<(string, string, string, string)>();
        foreach (var obj in objects)
        {
            var id = ObjectRef.Of(obj);
            var ns = KustomizeNamespace.IsClusterScoped(id.ApiVersion, id.Kind) ? "" : id.Namespace;
            if (!seen.Add((id.Group, id.Kind, ns, id.Name)))
            {
                return true;
            }
        }
        return false;
    }

    private static bool HasInternalAnnotation(JsonObject annotations) =>
        annotations.Any(a => InternalAnnotationPrefixes.Any(p => a.Key.StartsWith(p, StringComparison.Ordinal)));

    private static bool IsStringMap(JsonNode? node) =>
        node is JsonObject map && map.All(entry => entry.Value is JsonValue value && value.GetValueKind() == JsonValueKind.String);

    private static bool IsInside(string root, string path) =>
        path == root || path.StartsWith(root + Path.DirectorySeparatorChar, StringComparison.Ordinal);

    private static bool IsText(JsonNode? node, string expected) => TryString(node, out var text) && text == expected;

    private static bool TryString(JsonNode? node, out string text)
    {
        var isString = node is JsonValue value && value.GetValueKind() == JsonValueKind.String;
        text = isString ? node!.GetValue<string>() : "";
        return isString;
    }
}

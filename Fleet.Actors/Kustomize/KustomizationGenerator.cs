using System.Text.Json;
using System.Text.Json.Nodes;
using Fleet.Actors.Kube;
using Fleet.Messages.Api.Kustomize;
using Fleet.Messages.Api.Meta;

namespace Fleet.Actors.Kustomize;

/// <summary>
/// Writes the kustomization file a build runs, as Flux's generator does: the directory's own file, or one listing
/// every YAML file below it (a subdirectory with its own kustomization file is listed as a whole), then the
/// Kustomization's overrides: targetNamespace, namePrefix, nameSuffix, patches, components, images, buildMetadata.
/// </summary>
public static class KustomizationGenerator
{
    public static readonly IReadOnlyList<string> FileNames = ["kustomization.yaml", "kustomization.yml", "Kustomization"];

    public static string? FindFile(string directory) =>
        FileNames.Select(name => Path.Combine(directory, name)).FirstOrDefault(File.Exists);

    /// <summary>Writes a kustomization <see cref="Compose"/> made into <paramref name="directory"/> and returns its path.</summary>
    public static string Write(string directory, JsonObject kustomization)
    {
        var file = FindFile(directory) ?? Path.Combine(directory, FileNames[0]);
        File.WriteAllText(file, kustomization.ToJsonString(new JsonSerializerOptions { WriteIndented = true }));
        return file;
    }

    /// <summary>The kustomization a build of <paramref name="directory"/> runs, without writing it.</summary>
    public static JsonObject Compose(string root, string directory, KustomizationSpec spec)
    {
        var existing = FindFile(directory);
        JsonObject kustomization;
        if (existing is not null)
        {
            kustomization = Read(root, existing);
            if (kustomization["resources"] is not JsonArray { Count: > 0 })
            {
                // Flux's guard against kustomize's "kustomization.yaml is empty" error.
                kustomization["buildMetadata"] = new JsonArray("originAnnotations");
            }
        }
        else
        {
            kustomization = Generate(root, directory);
        }
        AddOverrides(kustomization, directory, spec);
        return kustomization;
    }

    /// <summary>A kustomization file's content; one that does not parse is a BuildFailed error naming it.</summary>
    public static JsonObject Read(string root, string file)
    {
        try
        {
            return YamlJson.ParseSingle(File.ReadAllText(file)) switch
            {
                null => [],
                JsonObject content => content,
                _ => throw new FormatException("the document is not a mapping"),
            };
        }
        catch (FormatException error)
        {
            throw new KustomizeBuildException(ConditionReasons.BuildFailed, $"failed to read {Relative(root, file)}: {error.Message}", error);
        }
    }

    private static JsonObject Generate(string root, string directory)
    {
        var resources = new JsonArray();
        foreach (var path in ScanManifests(root, directory))
        {
            resources.Add("./" + Path.GetRelativePath(directory, path).Replace('\\', '/'));
        }
        var kustomization = new JsonObject
        {
            ["apiVersion"] = "kustomize.config.k8s.io/v1beta1",
            ["kind"] = "Kustomization",
        };
        if (resources.Count == 0)
        {
            // An empty kustomization fails to build; a placeholder namespace builds nothing.
            kustomization["namespace"] = "_placeholder";
        }
        else
        {
            kustomization["resources"] = resources;
        }
        return kustomization;
    }

    private static IEnumerable<string> ScanManifests(string root, string directory)
    {
        foreach (var entry in Directory.EnumerateFileSystemEntries(directory).Order(StringComparer.Ordinal))
        {
            if (Directory.Exists(entry))
            {
                if (FindFile(entry) is not null)
                {
                    yield return entry;
                    continue;
                }
                foreach (var nested in ScanManifests(root, entry))
                {
                    yield return nested;
                }
            }
            else if (Path.GetExtension(entry) is ".yaml" or ".yml")
            {
                Validate(root, entry);
                yield return entry;
            }
        }
    }

    private static void Validate(string root, string file)
    {
        try
        {
            if (YamlJson.ParseDocuments(File.ReadAllText(file)).FirstOrDefault(d => d is not JsonObject) is { } notObject)
            {
                throw new FormatException($"a document is a {notObject.GetValueKind()}, not an object");
            }
        }
        catch (FormatException error)
        {
            throw new KustomizeBuildException(ConditionReasons.BuildFailed,
                $"failed to decode Kubernetes YAML from {Relative(root, file)}: {error.Message}", error);
        }
    }

    private static void AddOverrides(JsonObject kustomization, string directory, KustomizationSpec spec)
    {
        if (spec.TargetNamespace is { } targetNamespace)
        {
            kustomization["namespace"] = targetNamespace;
        }
        if (spec.NamePrefix is { } prefix)
        {
            kustomization["namePrefix"] = prefix;
        }
        if (spec.NameSuffix is { } suffix)
        {
            kustomization["nameSuffix"] = suffix;
        }
        foreach (var patch in spec.Patches ?? [])
        {
            var entry = new JsonObject { ["patch"] = patch.PatchDocument };
            if (patch.Target is { } target)
            {
                entry["target"] = Target(target);
            }
            List(kustomization, "patches").Add(entry);
        }
        foreach (var component in spec.Components ?? [])
        {
            if (KustomizationReferences.IsRemoteOrAbsolute(component))
            {
                throw new KustomizeBuildException(ConditionReasons.BuildFailed, $"component path '{component}' must be local and relative");
            }
            if (spec.IgnoreMissingComponents == true && !Path.Exists(Path.Combine(directory, component)))
            {
                continue;
            }
            List(kustomization, "components").Add(component);
        }
        foreach (var image in spec.Images ?? [])
        {
            MergeImage(List(kustomization, "images"), image);
        }
        if (spec.BuildMetadata is { Count: > 0 } buildMetadata)
        {
            kustomization["buildMetadata"] = new JsonArray(buildMetadata.Select(m => (JsonNode?)m).ToArray());
        }
    }

    // An override of an image the file already lists keeps the file's other fields; a new tag or digest
    // replaces both, so a stale digest never outlives a new tag, and a digest wins over a tag.
    private static void MergeImage(JsonArray images, KustomizeImage image)
    {
        var entry = images.OfType<JsonObject>().FirstOrDefault(i => i["name"]?.GetValueKind() == JsonValueKind.String && (string?)i["name"] == image.Name);
        if (entry is null)
        {
            entry = new JsonObject { ["name"] = image.Name };
            images.Add(entry);
        }
        if (!string.IsNullOrEmpty(image.NewName))
        {
            entry["newName"] = image.NewName;
        }
        if (!string.IsNullOrEmpty(image.NewTag) || !string.IsNullOrEmpty(image.Digest))
        {
            SetOrRemove(entry, "newTag", string.IsNullOrEmpty(image.Digest) ? image.NewTag : null);
            SetOrRemove(entry, "digest", image.Digest);
        }
    }

    private static void SetOrRemove(JsonObject entry, string key, string? value)
    {
        if (string.IsNullOrEmpty(value))
        {
            entry.Remove(key);
        }
        else
        {
            entry[key] = value;
        }
    }

    private static JsonObject Target(Selector selector)
    {
        var target = new JsonObject();
        void Set(string key, string? value)
        {
            if (!string.IsNullOrEmpty(value))
            {
                target[key] = value;
            }
        }
        Set("group", selector.Group);
        Set("version", selector.Version);
        Set("kind", selector.Kind);
        Set("name", selector.Name);
        Set("namespace", selector.Namespace);
        Set("labelSelector", selector.LabelSelector);
        Set("annotationSelector", selector.AnnotationSelector);
        return target;
    }

    private static JsonArray List(JsonObject kustomization, string key)
    {
        if (kustomization[key] is JsonArray list)
        {
            return list;
        }
        var created = new JsonArray();
        kustomization[key] = created;
        return created;
    }

    internal static string Relative(string root, string path) => Path.GetRelativePath(root, path).Replace('\\', '/');
}

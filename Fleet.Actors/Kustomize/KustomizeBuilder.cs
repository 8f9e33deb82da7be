using System.Text.Json.Nodes;
using Fleet.Actors.Kube;
using Fleet.Actors.Kustomize.InProcess;
using Fleet.Actors.Sources.Artifacts;
using Fleet.Messages.Api.Kustomize;
using Fleet.Messages.Api.Meta;

namespace Fleet.Actors.Kustomize;

/// <summary>
/// Builds a Kustomization's manifests from an unpacked artifact in Flux's order: check the path, build (in process
/// when the kustomization is plain, else by writing the kustomization file with the spec's overrides, refusing remote
/// or escaping references and running kustomize), substitute postBuild variables, and set commonMetadata on each.
/// Kustomize fetches remote bases when <paramref name="allowRemoteBases"/>; otherwise they are refused.
/// </summary>
public sealed class KustomizeBuilder(KustomizeTool tool, bool allowRemoteBases = false)
{
    /// <summary>Builds without postBuild substitution; commonMetadata is set last.</summary>
    public Task<IReadOnlyList<JsonObject>> BuildAsync(string root, KustomizationSpec spec, CancellationToken ct) =>
        BuildAsync(root, spec, variables: null, PostBuildSubstitution.StrictByDefault, ct);

    /// <summary>
    /// Builds and, when the spec has a postBuild and <paramref name="variables"/> are given, substitutes them
    /// before commonMetadata is set, which is Flux's order. <paramref name="root"/> is only read: other builds may
    /// share it.
    /// </summary>
    public async Task<IReadOnlyList<JsonObject>> BuildAsync(string root, KustomizationSpec spec,
        IReadOnlyDictionary<string, string>? variables, bool strict, CancellationToken ct)
    {
        root = Path.GetFullPath(root);
        var directory = ResolvePath(root, spec.Path);
        var kustomization = KustomizationGenerator.Compose(root, directory, spec);
        var objects = InProcessBuild.TryBuild(root, directory, kustomization) ?? await RunKustomizeAsync(root, directory, kustomization, ct);
        if (spec.PostBuild is { } postBuild && variables is not null)
        {
            objects = PostBuildSubstitution.Apply(objects, variables, strict, postBuild.SubstituteStrategy);
        }
        if (spec.CommonMetadata is { } common)
        {
            foreach (var obj in objects)
            {
                SetCommonMetadata(obj, common);
            }
        }
        return objects;
    }

    /// <summary>
    /// The objects kustomize builds from <paramref name="directory"/> with <paramref name="kustomization"/>, which
    /// <see cref="KustomizationGenerator.Compose"/> made. It runs on a private copy of <paramref name="root"/>, because
    /// the kustomization file there is replaced.
    /// </summary>
    public async Task<IReadOnlyList<JsonObject>> RunKustomizeAsync(string root, string directory, JsonObject kustomization, CancellationToken ct)
    {
        var copy = Directory.CreateTempSubdirectory("fleet-build-").FullName;
        try
        {
            DirectoryTree.Copy(root, copy);
            var target = Path.Combine(copy, Path.GetRelativePath(root, directory));
            KustomizationGenerator.Write(target, kustomization);
            KustomizationReferences.Check(copy, target, allowRemoteBases);
            string output;
            try
            {
                output = await tool.BuildAsync(target, ct);
            }
            catch (KustomizeBuildException error)
            {
                // Temporary directory names mean nothing to the user; paths inside the source do.
                throw new KustomizeBuildException(error.Reason, error.Message.Replace(copy + Path.DirectorySeparatorChar, "", StringComparison.Ordinal), error);
            }
            return Parse(output);
        }
        finally
        {
            Directory.Delete(copy, recursive: true);
        }
    }

    /// <summary>The build directory: <paramref name="path"/> inside root, with `..` unable to climb above it, as Flux's secure join.</summary>
    public static string ResolvePath(string root, string? path)
    {
        var segments = new List<string>();
        foreach (var segment in (path ?? "").Replace('\\', '/').Split('/', StringSplitOptions.RemoveEmptyEntries))
        {
            if (segment == "..")
            {
                if (segments.Count > 0)
                {
                    segments.RemoveAt(segments.Count - 1);
                }
            }
            else if (segment != ".")
            {
                segments.Add(segment);
            }
        }
        var directory = Path.Combine([root, .. segments]);
        if (!Directory.Exists(directory))
        {
            throw new KustomizeBuildException(ConditionReasons.ArtifactFailed, File.Exists(directory)
                ? $"kustomization path '{path}' is a file, not a directory"
                : $"kustomization path not found: '{path}' does not exist in the source artifact");
        }
        return directory;
    }

    private static IReadOnlyList<JsonObject> Parse(string output)
    {
        IReadOnlyList<JsonNode?> documents;
        try
        {
            documents = YamlJson.ParseDocuments(output);
        }
        catch (FormatException error)
        {
            throw new KustomizeBuildException(ConditionReasons.BuildFailed, $"kustomize build failed: its output does not parse: {error.Message}", error);
        }
        var objects = new List<JsonObject>(documents.Count);
        foreach (var node in documents)
        {
            if (node is not JsonObject obj || obj["metadata"] is not JsonObject metadata
                || !HasText(obj["apiVersion"]) || !HasText(obj["kind"]) || !HasText(metadata["name"]))
            {
                throw new KustomizeBuildException(ConditionReasons.BuildFailed,
                    $"failed to decode Kubernetes apiVersion, kind and name from: {YamlJson.ToCompactJson(node)}");
            }
            objects.Add(obj);
        }
        return objects;
    }

    private static bool HasText(JsonNode? node) => node is JsonValue value && value.TryGetValue<string>(out var text) && text.Length > 0;

    private static void SetCommonMetadata(JsonObject obj, CommonMetadata common)
    {
        if (obj["metadata"] is JsonObject metadata)
        {
            Merge(metadata, "labels", common.Labels);
            Merge(metadata, "annotations", common.Annotations);
        }
    }

    private static void Merge(JsonObject metadata, string key, IReadOnlyDictionary<string, string>? values)
    {
        if (values is not { Count: > 0 })
        {
            return;
        }
        if (metadata[key] is not JsonObject target)
        {
            target = [];
            metadata[key] = target;
        }
        foreach (var (name, value) in values)
        {
            target[name] = value;
        }
    }
}

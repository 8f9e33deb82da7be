using System.Text.Json.Nodes;
using Fleet.Actors.Kube;
using Fleet.Messages.Api.Meta;

namespace Fleet.Actors.Kustomize;

/// <summary>
/// Checks, before kustomize runs, every kustomization the build reaches: every local path must stay inside the
/// artifact, because kustomize runs with files outside a kustomization's own directory allowed, and absolute paths and
/// URLs in file fields are refused. Remote bases and components (URLs, git references in `resources`, `bases`,
/// `components`) are left to kustomize to fetch, as Flux does, unless remote bases are disabled
/// (<c>--no-remote-bases</c>). A local base that does not exist is refused here, so kustomize never tries to read it as
/// a remote repository.
/// </summary>
public static class KustomizationReferences
{
    // Kustomize's remote forms (its repospec prefixes) and any URL scheme.
    private static readonly string[] RemotePrefixes = ["git::", "gh:", "ssh://", "https://", "http://", "git@", "github.com:", "github.com/"];

    /// <summary>Whether a reference is remote or an absolute path, which only kustomize itself may resolve.</summary>
    public static bool IsRemoteOrAbsolute(string reference) => IsRemote(reference) || Path.IsPathRooted(reference);

    private static bool IsRemote(string reference) =>
        RemotePrefixes.Any(p => reference.StartsWith(p, StringComparison.OrdinalIgnoreCase)) || reference.Contains("://", StringComparison.Ordinal);

    public static void Check(string root, string directory, bool allowRemoteBases)
    {
        var visited = new HashSet<string>(StringComparer.Ordinal);
        CheckDirectory(Path.GetFullPath(root), Path.GetFullPath(directory), visited, allowRemoteBases);
    }

    private static void CheckDirectory(string root, string directory, HashSet<string> visited, bool allowRemoteBases)
    {
        if (!visited.Add(directory) || KustomizationGenerator.FindFile(directory) is not { } file)
        {
            return;
        }
        JsonObject kustomization;
        try
        {
            kustomization = YamlJson.ParseSingle(File.ReadAllText(file)) as JsonObject ?? [];
        }
        catch (FormatException error)
        {
            throw Refused(root, file, $"does not parse: {error.Message}");
        }
        foreach (var field in new[] { "resources", "bases", "components" })
        {
            foreach (var entry in Strings(kustomization[field]))
            {
                if (allowRemoteBases && IsRemote(entry))
                {
                    // A file:// base would have kustomize clone a repository from the node's own disk: never a tenant's to name.
                    // kustomize drops a leading git:: before it reads the URL, so that form is refused too.
                    if (entry.StartsWith("file:", StringComparison.OrdinalIgnoreCase) || entry.StartsWith("git::file:", StringComparison.OrdinalIgnoreCase))
                    {
                        throw Refused(root, file, $"{field} entry '{entry}' reads a repository on the node's disk; only the source and remote repositories are allowed");
                    }
                    continue;
                }
                var path = Resolve(root, directory, file, field, entry);
                if (Directory.Exists(path))
                {
                    CheckDirectory(root, path, visited, allowRemoteBases);
                }
                else if (!File.Exists(path))
                {
                    throw Refused(root, file, $"{field} entry '{entry}' does not exist in the source");
                }
            }
        }
        foreach (var field in new[] { "generators", "transformers", "validators" })
        {
            foreach (var entry in Strings(kustomization[field]).Where(IsPath))
            {
                var path = Resolve(root, directory, file, field, entry);
                if (Directory.Exists(path))
                {
                    CheckDirectory(root, path, visited, allowRemoteBases);
                }
            }
        }
        foreach (var (field, entry) in FileReferences(kustomization))
        {
            Resolve(root, directory, file, field, entry);
        }
    }

    /// <summary>Every other place a kustomization names a file: patches, CRDs, generator sources, configurations, OpenAPI.</summary>
    private static IEnumerable<(string Field, string Path)> FileReferences(JsonObject kustomization)
    {
        foreach (var entry in Strings(kustomization["crds"]))
        {
            yield return ("crds", entry);
        }
        foreach (var entry in Strings(kustomization["configurations"]))
        {
            yield return ("configurations", entry);
        }
        foreach (var entry in Strings(kustomization["patchesStrategicMerge"]).Where(IsPath))
        {
            yield return ("patchesStrategicMerge", entry);
        }
        foreach (var field in new[] { "patches", "patchesJson6902", "replacements" })
        {
            foreach (var entry in Objects(kustomization[field]))
            {
                foreach (var path in Strings(entry["path"]))
                {
                    yield return (field, path);
                }
            }
        }
        foreach (var path in Strings(kustomization["openapi"]?["path"]))
        {
            yield return ("openapi", path);
        }
        foreach (var field in new[] { "configMapGenerator", "secretGenerator" })
        {
            foreach (var generator in Objects(kustomization[field]))
            {
                foreach (var source in Strings(generator["files"]))
                {
                    // `key=path` names the key the file's content is stored under.
                    var separator = source.IndexOf('=', StringComparison.Ordinal);
                    yield return (field, separator >= 0 ? source[(separator + 1)..] : source);
                }
                foreach (var env in Strings(generator["envs"]).Concat(Strings(generator["env"])))
                {
                    yield return (field, env);
                }
            }
        }
    }

    private static string Resolve(string root, string directory, string file, string field, string entry)
    {
        if (IsRemoteOrAbsolute(entry))
        {
            throw Refused(root, file, $"{field} entry '{entry}' is remote or absolute; only paths inside the source are allowed (remote bases are disabled)");
        }
        var path = Path.GetFullPath(Path.Combine(directory, entry));
        if (path != root && !path.StartsWith(root + Path.DirectorySeparatorChar, StringComparison.Ordinal))
        {
            throw Refused(root, file, $"{field} entry '{entry}' points outside the source");
        }
        return path;
    }

    // Inline documents (patches, transformer configs) span lines; a single line is a path.
    private static bool IsPath(string entry) => !entry.Contains('\n', StringComparison.Ordinal);

    private static IEnumerable<string> Strings(JsonNode? node) => node switch
    {
        JsonArray list => list.OfType<JsonValue>().Select(v => v.TryGetValue<string>(out var s) ? s : null).OfType<string>(),
        JsonValue value when value.TryGetValue<string>(out var single) => [single],
        _ => [],
    };

    private static IEnumerable<JsonObject> Objects(JsonNode? node) => node is JsonArray list ? list.OfType<JsonObject>() : [];

    private static KustomizeBuildException Refused(string root, string file, string reason) =>
        new(ConditionReasons.BuildFailed, $"{KustomizationGenerator.Relative(root, file)}: {reason}");
}

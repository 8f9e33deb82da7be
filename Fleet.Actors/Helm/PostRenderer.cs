using System.Text;
using System.Text.Json.Nodes;
using Fleet.Actors.Kube;
using Fleet.Messages.Api;
using Fleet.Messages.Api.Helm;

namespace Fleet.Actors.Helm;

/// <summary>
/// `spec.postRenderers` as helm's `--post-renderer`: an executable that takes the rendered manifests on its standard input
/// and passes them through one kustomize build per post-renderer, in order, each with its patches and images, as
/// helm-controller's kustomize post-renderer does. Removed with its directory when disposed.
/// </summary>
public sealed class PostRenderer : IDisposable
{
    private readonly string _directory;

    private PostRenderer(string directory, string script)
    {
        _directory = directory;
        Script = script;
    }

    /// <summary>The executable helm is given.</summary>
    public string Script { get; }

    /// <exception cref="HelmCommandException">No kustomize to run.</exception>
    public static PostRenderer? Prepare(string parent, IReadOnlyList<HelmReleasePostRenderer>? renderers, IReadOnlyList<string>? kustomize)
    {
        var steps = (renderers ?? []).Select(r => r.Kustomize).OfType<HelmReleaseKustomizePostRenderer>().ToList();
        if (steps.Count == 0)
        {
            return null;
        }
        if (kustomize is null)
        {
            throw new HelmCommandException("post-renderers need kustomize: put kustomize or kubectl on PATH, or set FLEET_KUSTOMIZE or FLEET_KUBECTL");
        }
        var directory = Path.Combine(parent, Guid.NewGuid().ToString("N"));
        var script = new StringBuilder("#!/bin/sh\nset -e\n");
        var build = string.Join(' ', kustomize.Select(Quote));
        for (var i = 0; i < steps.Count; i++)
        {
            var step = Path.Combine(directory, i.ToString(System.Globalization.CultureInfo.InvariantCulture));
            Directory.CreateDirectory(step);
            File.WriteAllText(Path.Combine(step, "kustomization.yaml"), YamlJson.Serialize(Kustomization(steps[i])));
            var input = Quote(Path.Combine(step, "all.yaml"));
            script.Append(i == 0 ? $"cat > {input}\n" : $"{build} {Quote(Path.Combine(directory, (i - 1).ToString(System.Globalization.CultureInfo.InvariantCulture)))} > {input}\n");
        }
        script.Append($"exec {build} {Quote(Path.Combine(directory, (steps.Count - 1).ToString(System.Globalization.CultureInfo.InvariantCulture)))}\n");
        var path = Path.Combine(directory, "post-render");
        var options = new FileStreamOptions { Mode = FileMode.CreateNew, Access = FileAccess.Write };
        if (!OperatingSystem.IsWindows())
        {
            options.UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute;
        }
        using (var file = new StreamWriter(path, new UTF8Encoding(false), options))
        {
            file.Write(script.ToString());
        }
        return new PostRenderer(directory, path);
    }

    /// <summary>The kustomization of one post-renderer: the rendered manifests, its patches, its images.</summary>
    public static JsonObject Kustomization(HelmReleaseKustomizePostRenderer renderer)
    {
        var kustomization = new JsonObject
        {
            ["apiVersion"] = "kustomize.config.k8s.io/v1beta1",
            ["kind"] = "Kustomization",
            ["resources"] = new JsonArray("all.yaml"),
        };
        if (renderer.Patches is { Count: > 0 } patches)
        {
            kustomization["patches"] = FleetJson.SerializeToNode(patches);
        }
        if (renderer.Images is { Count: > 0 } images)
        {
            kustomization["images"] = FleetJson.SerializeToNode(images);
        }
        return kustomization;
    }

    private static string Quote(string text) => "'" + text.Replace("'", "'\\''", StringComparison.Ordinal) + "'";

    public void Dispose() => Directory.Delete(_directory, recursive: true);
}

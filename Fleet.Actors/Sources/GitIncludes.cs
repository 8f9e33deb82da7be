using Fleet.Actors.Kube;
using Fleet.Actors.Sources.Artifacts;
using Fleet.Messages;
using Fleet.Messages.Api;
using Fleet.Messages.Api.Meta;
using Fleet.Messages.Api.Source;
using k8s;

namespace Fleet.Actors.Sources;

/// <summary>
/// Resolves a GitRepository's `spec.include`: the included GitRepositories' current artifacts (from their
/// status, in the same namespace), and, for a build, those artifacts downloaded with their digests verified.
/// </summary>
public sealed class GitIncludes(IKubernetes kubernetes, ArtifactDownloader downloader)
{
    private readonly FluxObjectReader _objects = new(kubernetes);

    public async Task<IReadOnlyList<Artifact>> ArtifactsAsync(string ns, IReadOnlyList<GitRepositoryInclude> includes, CancellationToken cancellation)
    {
        var artifacts = new List<Artifact>();
        foreach (var include in includes)
        {
            var name = include.Repository.Name;
            var included = await _objects.ReadAsync(new ObjectKey(FluxKinds.GitRepository.Kind, ns, name), cancellation)
                ?? throw new IncludeUnavailableException("NotFound", $"could not get resource for include '{name}': gitrepositories.source.toolkit.fluxcd.io \"{name}\" not found");
            artifacts.Add(FluxObjectReader.ArtifactOf(included)
                ?? throw new IncludeUnavailableException("NoArtifact", $"no artifact available for include '{name}'"));
        }
        return artifacts;
    }

    /// <summary>Downloads and extracts each artifact under <paramref name="directory"/>, paired with where its include puts it.</summary>
    public async Task<IReadOnlyList<IncludedTree>> ExtractAsync(
        IReadOnlyList<GitRepositoryInclude> includes, IReadOnlyList<Artifact> artifacts, string directory, CancellationToken cancellation)
    {
        var trees = new List<IncludedTree>();
        for (var i = 0; i < includes.Count; i++)
        {
            var name = includes[i].Repository.Name;
            var tree = new IncludedTree(
                name, Path.Combine(directory, i.ToString(System.Globalization.CultureInfo.InvariantCulture)), includes[i].FromPath, includes[i].ToPath ?? name);
            try
            {
                await downloader.DownloadAndExtractAsync(artifacts[i].Url, artifacts[i].Digest ?? "", tree.ExtractedRoot, cancellation);
            }
            catch (ArtifactDownloadException error)
            {
                // Flux copies from its own storage; Fleet's equivalent of that copy is the download.
                throw StorageOperationException.CopyFailure(tree, error.Message);
            }
            trees.Add(tree);
        }
        return trees;
    }
}

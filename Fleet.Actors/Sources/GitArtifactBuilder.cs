using Fleet.Actors.Sources.Artifacts;
using Fleet.Actors.Sources.Git;
using Fleet.Actors.Sources.Ignore;
using Fleet.Messages.Api.Meta;

namespace Fleet.Actors.Sources;

/// <summary>
/// Turns a fetched commit into a stored artifact: the tree (sparse, with submodules as asked), then the
/// includes under their `toPath`, then Flux's exclusions and `.sourceignore`/`spec.ignore`, archived
/// deterministically and stored under its digest.
/// </summary>
public sealed class GitArtifactBuilder(ArtifactStore store)
{
    public const string Kind = "gitrepository";

    public async Task<Artifact> BuildAsync(
        string ns,
        string name,
        GitFetchRequest request,
        GitFetchResult fetched,
        string? specIgnore,
        IReadOnlyList<IncludedTree> includes,
        CancellationToken cancellation)
    {
        var tree = Directory.CreateTempSubdirectory("fleet-tree-");
        var archive = store.NewTemporaryPath();
        try
        {
            await GitTreeExporter.ExportAsync(request, fetched.Commit, tree.FullName, cancellation);
            foreach (var include in includes)
            {
                IncludeCopier.Copy(include.ExtractedRoot, include.FromPath, tree.FullName, include.ToPath);
            }
            var matcher = SourceIgnore.For(tree.FullName, specIgnore);
            await ArtifactArchiver.WriteAsync(tree.FullName, matcher, archive, cancellation);
            return await store.StoreAsync(Kind, ns, name, archive, fetched.Revision, cancellation);
        }
        finally
        {
            tree.Delete(recursive: true);
            File.Delete(archive);
        }
    }
}

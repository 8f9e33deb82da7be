using Fleet.Actors.Sources.Artifacts;
using Fleet.Actors.Sources.Git;
using Fleet.Actors.Sources.Ignore;
using Fleet.Messages.Api.Meta;
using Fleet.Messages.Api.Source;

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
                Copy(include, tree.FullName);
            }
            var matcher = SourceIgnore.For(tree.FullName, specIgnore);
            await ArtifactArchiver.WriteAsync(tree.FullName, matcher, archive, cancellation);
            return await store.StoreAsync(Kind, ns, name, archive, fetched.Revision, cancellation);
        }
        catch (IOException error)
        {
            throw new StorageOperationException(SourceConditions.ArchiveOperationFailedReason, $"unable to archive artifact to storage: {error.Message}", error);
        }
        finally
        {
            tree.Delete(recursive: true);
            File.Delete(archive);
        }
    }

    private static void Copy(IncludedTree include, string tree)
    {
        try
        {
            IncludeCopier.Copy(include.ExtractedRoot, include.FromPath, tree, include.ToPath);
        }
        catch (ArgumentException error)
        {
            throw new StorageOperationException(
                StorageOperationException.IllegalPathReason, $"path calculation for include '{include.Name}' failed: {error.Message}", error);
        }
        catch (DirectoryNotFoundException error)
        {
            throw StorageOperationException.CopyFailure(include, error.Message);
        }
    }
}

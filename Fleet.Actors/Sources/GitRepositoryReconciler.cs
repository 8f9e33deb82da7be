using System.Text.Json.Nodes;
using Fleet.Actors.Reconciliation;
using Fleet.Actors.Sources.Artifacts;
using Fleet.Actors.Sources.Git;
using Fleet.Messages;
using Fleet.Messages.Api;
using Fleet.Messages.Api.Meta;
using Fleet.Messages.Api.Source;

namespace Fleet.Actors.Sources;

/// <summary>
/// Converges one GitRepository: reads its Secret, fetches its ref into the object's working copy under
/// `&lt;data&gt;/git/&lt;ns&gt;/&lt;name&gt;`, and stores a new artifact only when the revision, an included artifact or a
/// field that shapes the tree changed. A failure reports Flux's reason and leaves the last artifact in status and on disk.
/// </summary>
public sealed class GitRepositoryReconciler(SourceServices services) : IObjectReconciler, IObjectCleanup
{
    private readonly GitSecretReader _secrets = new(services.Kubernetes);
    private readonly GitIncludes _includes = new(services.Kubernetes, new ArtifactDownloader(services.Http));
    private readonly GitArtifactBuilder _builder = new(services.Store);

    public async Task<ReconcileResult> ReconcileAsync(ReconcileRequest request, CancellationToken cancellationToken)
    {
        var spec = FleetJson.Deserialize<GitRepository>(request.Object)?.Spec ?? new GitRepositorySpec();
        var ns = request.Key.Namespace;
        var includes = spec.Include ?? [];
        // An included repository's new revision makes this one rebuild, without waiting for the interval.
        var includedKeys = includes.Select(i => new ObjectKey(FluxKinds.GitRepository.Kind, ns, i.Repository.Name)).ToList();
        var credentials = GitCredentials.None;
        try
        {
            var url = GitFetcher.ParseUrl(spec.Url);
            credentials = await _secrets.ReadAsync(ns, spec.SecretRef?.Name, url, cancellationToken);
            var fetch = new GitFetchRequest(
                spec.Url,
                spec.Ref,
                credentials,
                WorkingCopy(request.Key),
                spec.Timeout?.Value ?? GitFetchRequest.DefaultTimeout,
                spec.RecurseSubmodules ?? false,
                spec.SparseCheckout);
            var fetched = await GitFetcher.FetchAsync(fetch, cancellationToken);
            var included = await _includes.ArtifactsAsync(ns, includes, cancellationToken);
            var observed = new GitRepositoryStatus
            {
                ObservedIgnore = spec.Ignore,
                ObservedRecurseSubmodules = spec.RecurseSubmodules,
                ObservedInclude = spec.Include,
                ObservedSparseCheckout = spec.SparseCheckout,
                IncludedArtifacts = included.Count > 0 ? included : null,
            };
            var artifact = Reusable(request, fetched.Revision, observed)
                ?? await BuildAsync(request, fetch, fetched, spec, includes, included, cancellationToken);
            var status = FleetJson.SerializeToNode(observed with { Artifact = artifact })!.AsObject();
            var stored = ReconcileResult.Success(
                $"stored artifact for revision '{fetched.Revision}'", fetched.Revision, status: status, revisionEventReason: SourceConditions.NewArtifactReason);
            return stored with { Upstreams = Upstreams(includedKeys, included.Select(a => a.Revision).ToList()) };
        }
        catch (GitFetchException error)
        {
            return ReconcileResult.Failure(error.Reason, credentials.Redact(error.Message));
        }
        catch (IncludeUnavailableException error)
        {
            return ReconcileResult.Failure(error.Reason, error.Message) with { Upstreams = Upstreams(includedKeys, []) };
        }
    }

    private static Dictionary<ObjectKey, string?> Upstreams(IReadOnlyList<ObjectKey> keys, IReadOnlyList<string> revisions)
    {
        var upstreams = new Dictionary<ObjectKey, string?>();
        for (var i = 0; i < keys.Count; i++)
        {
            upstreams[keys[i]] = i < revisions.Count ? revisions[i] : null;
        }
        return upstreams;
    }

    private async Task<Artifact> BuildAsync(
        ReconcileRequest request,
        GitFetchRequest fetch,
        GitFetchResult fetched,
        GitRepositorySpec spec,
        IReadOnlyList<GitRepositoryInclude> includes,
        IReadOnlyList<Artifact> included,
        CancellationToken cancellation)
    {
        var downloads = Directory.CreateTempSubdirectory("fleet-includes-");
        try
        {
            var trees = await _includes.ExtractAsync(includes, included, downloads.FullName, cancellation);
            return await _builder.BuildAsync(request.Key.Namespace, request.Key.Name, fetch, fetched, spec.Ignore, trees, cancellation);
        }
        finally
        {
            downloads.Delete(recursive: true);
        }
    }

    /// <summary>The last artifact, when it is of this revision, was built from the same observed fields and included artifacts, and is still stored on this node.</summary>
    private Artifact? Reusable(ReconcileRequest request, string revision, GitRepositoryStatus observed)
    {
        if (request.Previous.KindStatusJson is not { } json || FleetJson.Deserialize<GitRepositoryStatus>(json) is not { Artifact: { } last } previous)
        {
            return null;
        }
        var sameInputs = JsonNode.DeepEquals(FleetJson.SerializeToNode(previous with { Artifact = null }), FleetJson.SerializeToNode(observed));
        var stored = last.Url.StartsWith(services.Store.BaseUrl + "/", StringComparison.Ordinal) && File.Exists(Path.Combine(services.Store.Root, last.Path));
        return last.Revision == revision && sameInputs && stored ? last : null;
    }

    /// <summary>Deletes the object's artifacts and working copy on this node.</summary>
    public Task CleanupAsync(ReconcileRequest request, CancellationToken cancellationToken)
    {
        var key = request.Key;
        services.Store.Delete(GitArtifactBuilder.Kind, key.Namespace, key.Name);
        var workingCopy = WorkingCopy(key);
        if (Directory.Exists(workingCopy))
        {
            Directory.Delete(workingCopy, recursive: true);
        }
        return Task.CompletedTask;
    }

    private string WorkingCopy(ObjectKey key) => Path.Combine(services.DataDirectory, "git", key.Namespace, key.Name);
}

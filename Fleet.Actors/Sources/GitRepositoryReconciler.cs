using System.Text.Json.Nodes;
using Fleet.Actors.Reconciliation;
using Fleet.Actors.Sources.Artifacts;
using Fleet.Actors.Sources.Git;
using Fleet.Messages.Api;
using Fleet.Messages.Api.Meta;
using Fleet.Messages.Api.Source;
using k8s;

namespace Fleet.Actors.Sources;

/// <summary>
/// Converges one GitRepository: reads its Secret, fetches its ref into the object's working copy under
/// `&lt;data&gt;/git/&lt;ns&gt;/&lt;name&gt;`, and stores a new artifact only when the revision or the tree's shaping
/// fields changed. A failure reports Flux's reason and leaves the last artifact in status and on disk.
/// </summary>
public sealed class GitRepositoryReconciler(IKubernetes kubernetes, ArtifactStore store, string dataDirectory) : IObjectReconciler
{
    private readonly GitSecretReader _secrets = new(kubernetes);
    private readonly GitArtifactBuilder _builder = new(store);

    public async Task<ReconcileResult> ReconcileAsync(ReconcileRequest request, CancellationToken cancellationToken)
    {
        var spec = FleetJson.Deserialize<GitRepository>(request.Object)?.Spec ?? new GitRepositorySpec();
        if (spec.Include is { Count: > 0 })
        {
            return ReconcileResult.Stall(SourceConditions.IncludeUnavailable, "spec.include is not supported by this version of Fleet yet");
        }
        var ns = request.Key.Namespace;
        var name = request.Key.Name;
        var credentials = GitCredentials.None;
        try
        {
            var url = GitFetcher.ParseUrl(spec.Url);
            credentials = await _secrets.ReadAsync(ns, spec.SecretRef?.Name, url, cancellationToken);
            var fetch = new GitFetchRequest(
                spec.Url,
                spec.Ref,
                credentials,
                Path.Combine(dataDirectory, "git", ns, name),
                spec.Timeout?.Value ?? GitFetchRequest.DefaultTimeout,
                spec.RecurseSubmodules ?? false,
                spec.SparseCheckout);
            var fetched = await GitFetcher.FetchAsync(fetch, cancellationToken);
            var observed = Observed(spec);
            var artifact = Reusable(request, fetched.Revision, observed)
                ?? await _builder.BuildAsync(ns, name, fetch, fetched, spec.Ignore, [], cancellationToken);
            var status = FleetJson.SerializeToNode(observed with { Artifact = artifact })!.AsObject();
            return ReconcileResult.Success($"stored artifact for revision '{fetched.Revision}'", fetched.Revision, status: status);
        }
        catch (GitFetchException error)
        {
            return ReconcileResult.Failure(error.Reason, credentials.Redact(error.Message));
        }
    }

    /// <summary>The spec fields that shape the artifact, as Flux records them in status.</summary>
    private static GitRepositoryStatus Observed(GitRepositorySpec spec) => new()
    {
        ObservedIgnore = spec.Ignore,
        ObservedRecurseSubmodules = spec.RecurseSubmodules,
        ObservedSparseCheckout = spec.SparseCheckout,
    };

    /// <summary>The last artifact, when it is of this revision, was shaped by the same fields and is still stored on this node.</summary>
    private Artifact? Reusable(ReconcileRequest request, string revision, GitRepositoryStatus observed)
    {
        if (request.Previous.KindStatusJson is not { } json || FleetJson.Deserialize<GitRepositoryStatus>(json) is not { Artifact: { } last } previous)
        {
            return null;
        }
        var sameShape = previous.ObservedIgnore == observed.ObservedIgnore
            && previous.ObservedRecurseSubmodules == observed.ObservedRecurseSubmodules
            && JsonNode.DeepEquals(FleetJson.SerializeToNode(previous.ObservedSparseCheckout ?? []), FleetJson.SerializeToNode(observed.ObservedSparseCheckout ?? []));
        var stored = last.Url.StartsWith(store.BaseUrl + "/", StringComparison.Ordinal) && File.Exists(Path.Combine(store.Root, last.Path));
        return last.Revision == revision && sameShape && stored ? last : null;
    }
}

using Fleet.Actors.Toolkit;
using System.Text.Json.Nodes;
using Fleet.Actors.Kube;
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

    /// <summary>The GitRepository conditions that report a problem, in the order Flux's summary reads them for Ready.</summary>
    private static readonly string[] Problems =
        [SourceConditions.StorageOperationFailed, SourceConditions.FetchFailed, SourceConditions.IncludeUnavailable, SourceConditions.ArtifactOutdated];

    /// <summary>
    /// Source-controller's pipeline (storage, source, include, artifact), each step setting and clearing the conditions
    /// Flux's does, so that a step a failure skips leaves its condition as the last run left it.
    /// </summary>
    public async Task<ReconcileResult> ReconcileAsync(ReconcileRequest request, CancellationToken cancellationToken)
    {
        var spec = FleetJson.Deserialize<GitRepository>(request.Object)?.Spec ?? new GitRepositorySpec();
        var ns = request.Key.Namespace;
        var includes = spec.Include ?? [];
        // An included repository's new revision makes this one rebuild, without waiting for the interval.
        var includedKeys = includes.Select(i => new ObjectKey(FluxKinds.GitRepository.Kind, ns, i.Repository.Name)).ToList();
        var conditions = new KindConditions(request.Previous.Conditions, Problems);
        var previous = request.Previous.KindStatusJson is { } json ? FleetJson.Deserialize<GitRepositoryStatus>(json) : null;
        var stored = previous?.Artifact is { } last && IsStored(last, await services.Store.BaseUrlAsync(cancellationToken)) ? last : null;
        conditions.Delete(SourceConditions.StorageOperationFailed);
        if (stored is null)
        {
            conditions.Delete(SourceConditions.ArtifactInStorage);
        }
        if (GitRepositoryUnsupportedFields.Fields.Check(spec) is { } refusal)
        {
            return Refused(refusal, conditions);
        }
        var credentials = GitCredentials.None;
        IReadOnlyList<Artifact> included = [];
        try
        {
            var url = GitFetcher.ParseUrl(spec.Url);
            credentials = await _secrets.ReadAsync(ns, spec.SecretRef?.Name, url, cancellationToken);
            included = await _includes.ArtifactsAsync(ns, includes, cancellationToken);
            conditions.Delete(SourceConditions.IncludeUnavailable);
            conditions.Delete(SourceConditions.ArtifactOutdated);
            var fetch = new GitFetchRequest(
                spec.Url,
                spec.Ref,
                credentials,
                WorkingCopy(request.Key),
                spec.Timeout?.Value ?? GitFetchRequest.DefaultTimeout,
                spec.RecurseSubmodules ?? false,
                spec.SparseCheckout);
            var fetched = await GitFetcher.FetchAsync(fetch, cancellationToken);
            conditions.Delete(SourceConditions.FetchFailed);
            if (stored is not null && stored.Revision != fetched.Revision)
            {
                conditions.MarkTrue(SourceConditions.ArtifactOutdated, SourceConditions.NewRevisionReason, $"new upstream revision '{fetched.Revision}'");
            }
            var observed = new GitRepositoryStatus
            {
                ObservedIgnore = spec.Ignore,
                ObservedRecurseSubmodules = spec.RecurseSubmodules,
                ObservedInclude = spec.Include,
                ObservedSparseCheckout = spec.SparseCheckout,
                IncludedArtifacts = included.Count > 0 ? included : null,
            };
            var artifact = Reusable(previous, stored, fetched.Revision, observed)
                ?? await BuildAsync(request, fetch, fetched, spec, includes, included, cancellationToken);
            var message = StoredMessage(artifact);
            conditions.Delete(SourceConditions.ArtifactOutdated);
            conditions.MarkTrue(SourceConditions.ArtifactInStorage, ConditionReasons.Succeeded, message);
            var status = FleetJson.SerializeToNode(observed with { Artifact = artifact })!.AsObject();
            return ReconcileResult.Success(message, fetched.Revision, status: status, revisionEventReason: SourceConditions.NewArtifactReason) with
            {
                Conditions = conditions.All,
                Upstreams = Upstreams(includedKeys, included),
            };
        }
        catch (GitFetchException error)
        {
            conditions.MarkTrue(SourceConditions.FetchFailed, error.Reason, credentials.Redact(error.Message));
            // A URL that does not parse needs a new spec, as Flux's stalling error says.
            return Failed(conditions, stall: error.Reason == SourceConditions.URLInvalidReason) with { Upstreams = Upstreams(includedKeys, included) };
        }
        catch (IncludeUnavailableException error)
        {
            conditions.MarkTrue(SourceConditions.IncludeUnavailable, error.Reason, error.Message);
            // Flux waits for an include as for a dependency: soon again, and with a Normal Event.
            return Failed(conditions) with
            {
                Upstreams = Upstreams(includedKeys, included),
                RequeueAfter = services.Flags.RequeueDependency,
                FailureEventType = ObjectEvent.Normal,
            };
        }
        catch (StorageOperationException error)
        {
            conditions.MarkTrue(SourceConditions.StorageOperationFailed, error.Reason, error.Message);
            return Failed(conditions) with { Upstreams = Upstreams(includedKeys, included) };
        }
    }

    private static string StoredMessage(Artifact artifact) => $"stored artifact for revision '{artifact.Revision}'";

    /// <summary>Ready, as Flux's summary writes it, from the first condition that reports a problem.</summary>
    private static ReconcileResult Failed(KindConditions conditions, bool stall = false)
    {
        var problem = conditions.FirstProblem() ?? throw new InvalidOperationException("a failed GitRepository run marks the condition that failed");
        var result = stall ? ReconcileResult.Stall(problem.Reason, problem.Message) : ReconcileResult.Failure(problem.Reason, problem.Message);
        return result with { Conditions = conditions.All };
    }

    /// <summary>
    /// A spec Fleet cannot honour: nothing is fetched, so only the refusal and the stored artifact are reported; the
    /// conditions of steps that did not run would describe an earlier spec.
    /// </summary>
    private static ReconcileResult Refused(FieldRefusal refusal, KindConditions conditions)
    {
        foreach (var problem in Problems)
        {
            conditions.Delete(problem);
        }
        if (refusal.Condition is { } condition)
        {
            conditions.MarkTrue(condition, refusal.Reason, refusal.Message);
        }
        return ReconcileResult.Stall(refusal.Reason, refusal.Message) with { Conditions = conditions.All };
    }

    private static Dictionary<ObjectKey, string?> Upstreams(IReadOnlyList<ObjectKey> keys, IReadOnlyList<Artifact> artifacts)
    {
        var upstreams = new Dictionary<ObjectKey, string?>();
        for (var i = 0; i < keys.Count; i++)
        {
            upstreams[keys[i]] = i < artifacts.Count ? artifacts[i].Revision : null;
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

    /// <summary>The stored artifact, when it is of this revision and was built from the same observed fields and included artifacts.</summary>
    private static Artifact? Reusable(GitRepositoryStatus? previous, Artifact? stored, string revision, GitRepositoryStatus observed) =>
        previous is not null && stored?.Revision == revision &&
        JsonNode.DeepEquals(FleetJson.SerializeToNode(previous with { Artifact = null }), FleetJson.SerializeToNode(observed))
            ? stored
            : null;

    /// <summary>Whether the artifact is in this node's storage, which is what Flux's reconcileStorage checks.</summary>
    private bool IsStored(Artifact artifact, string baseUrl) =>
        artifact.Url.StartsWith(baseUrl + "/", StringComparison.Ordinal) && File.Exists(Path.Combine(services.Store.Root, artifact.Path));

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

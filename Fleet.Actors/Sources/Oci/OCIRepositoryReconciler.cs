using System.Text.Json.Nodes;
using Fleet.Actors.Oci;
using Fleet.Actors.Reconciliation;
using Fleet.Actors.Sources.Artifacts;
using Fleet.Actors.Sources.Ignore;
using Fleet.Actors.Toolkit;
using Fleet.Messages.Api;
using Fleet.Messages.Api.Meta;
using Fleet.Messages.Api.Source;

namespace Fleet.Actors.Sources.Oci;

/// <summary>
/// Converges one OCIRepository: reads its Secrets, resolves `ref` to a digest, and stores a new artifact (the selected layer
/// extracted and filtered by `ignore`, or copied as it is) only when the revision or a field that shapes the artifact changed.
/// A failure reports Flux's reason and leaves the last artifact in status and on disk.
/// </summary>
public sealed class OCIRepositoryReconciler(SourceServices services) : IObjectReconciler, IObjectCleanup
{
    public const string Kind = "ocirepository";

    /// <summary>The OCIRepository conditions that report a problem, in the order Flux's summary reads them for Ready.</summary>
    private static readonly string[] Problems =
        [SourceConditions.StorageOperationFailed, SourceConditions.FetchFailed, SourceConditions.ArtifactOutdated, SourceConditions.SourceVerified];

    private readonly RegistrySecrets _secrets = new(services.Kubernetes);

    public async Task<ReconcileResult> ReconcileAsync(ReconcileRequest request, CancellationToken cancellationToken)
    {
        var spec = FleetJson.Deserialize<OCIRepository>(request.Object)?.Spec ?? new OCIRepositorySpec();
        var ns = request.Key.Namespace;
        var conditions = new KindConditions(request.Previous.Conditions, Problems);
        var previous = request.Previous.KindStatusJson is { } json ? FleetJson.Deserialize<OCIRepositoryStatus>(json) : null;
        var stored = previous?.Artifact is { } last && IsStored(last, await services.Store.BaseUrlAsync(cancellationToken)) ? last : null;
        conditions.Delete(SourceConditions.StorageOperationFailed);
        if (stored is null)
        {
            conditions.Delete(SourceConditions.ArtifactInStorage);
        }
        if (OCIRepositoryUnsupportedFields.Fields.Check(spec) is { } refusal)
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
        conditions.Delete(SourceConditions.SourceVerified);
        try
        {
            var repository = ParseUrl(spec.Url);
            using var client = new OciClient(repository.Registry, await ConnectionAsync(ns, repository, spec, cancellationToken), services.Clusters.Clock);
            var pull = new OciArtifactPull(client, spec.Url);
            var resolved = await pull.ResolveAsync(repository, spec.Ref, cancellationToken);
            if (stored is not null && stored.Revision != resolved.Revision)
            {
                conditions.MarkTrue(SourceConditions.ArtifactOutdated, SourceConditions.NewRevisionReason, $"new revision '{resolved.Revision}' for '{resolved.Reference}'");
            }
            var observed = new OCIRepositoryStatus { ObservedIgnore = spec.Ignore, ObservedLayerSelector = spec.LayerSelector };
            var artifact = Reusable(previous, stored, resolved.Revision, observed)
                ?? await BuildAsync(request, pull, resolved, spec, cancellationToken);
            conditions.Delete(SourceConditions.FetchFailed);
            conditions.Delete(SourceConditions.ArtifactOutdated);
            var message = $"stored artifact for digest '{artifact.Revision}'";
            conditions.MarkTrue(SourceConditions.ArtifactInStorage, ConditionReasons.Succeeded, message);
            var status = FleetJson.SerializeToNode(observed with { Artifact = artifact, Url = artifact.Url })!.AsObject();
            return ReconcileResult.Success(message, artifact.Revision, status: status, revisionEventReason: SourceConditions.NewArtifactReason) with
            {
                Conditions = conditions.All,
            };
        }
        catch (OciFetchException error)
        {
            conditions.MarkTrue(SourceConditions.FetchFailed, error.Reason, error.Message);
            return Failed(conditions, error.Stall);
        }
        catch (StorageOperationException error)
        {
            conditions.MarkTrue(SourceConditions.StorageOperationFailed, error.Reason, error.Message);
            return Failed(conditions, stall: false);
        }
    }

    private static OciReference ParseUrl(string url)
    {
        try
        {
            return OciReference.ParseUrl(url);
        }
        catch (OciException error)
        {
            throw new OciFetchException(SourceConditions.URLInvalidReason, $"URL validation failed for '{url}': {error.Message}", stall: true);
        }
    }

    private async Task<RegistryConnection> ConnectionAsync(string ns, OciReference repository, OCIRepositorySpec spec, CancellationToken cancellation)
    {
        var refs = new RegistrySecretRefs(spec.SecretRef?.Name, spec.CertSecretRef?.Name, spec.ProxySecretRef?.Name, spec.Insecure ?? false);
        try
        {
            return await _secrets.ReadAsync(ns, repository.Registry, refs, cancellation);
        }
        catch (OciException error)
        {
            throw new OciFetchException(SourceConditions.AuthenticationFailedReason, $"failed to get credential: {error.Message}");
        }
    }

    private static ReconcileResult Failed(KindConditions conditions, bool stall)
    {
        var problem = conditions.FirstProblem() ?? throw new InvalidOperationException("a failed OCIRepository run marks the condition that failed");
        var result = stall ? ReconcileResult.Stall(problem.Reason, problem.Message) : ReconcileResult.Failure(problem.Reason, problem.Message);
        return result with { Conditions = conditions.All };
    }

    private async Task<Artifact> BuildAsync(ReconcileRequest request, OciArtifactPull pull, OciResolvedRef resolved, OCIRepositorySpec spec, CancellationToken cancellation)
    {
        var work = Directory.CreateTempSubdirectory("fleet-oci-");
        var archive = services.Store.NewTemporaryPath();
        try
        {
            var layer = Path.Combine(work.FullName, "layer.tar.gz");
            var annotations = await pull.PullLayerAsync(resolved, spec.LayerSelector, layer, cancellation);
            if (spec.LayerSelector?.Operation is OciLayerOperation.Copy)
            {
                File.Move(layer, archive, overwrite: true);
            }
            else
            {
                var tree = Path.Combine(work.FullName, "tree");
                await ExtractAsync(layer, tree, cancellation);
                // Flux's OCIRepository applies only the VCS patterns, `.sourceignore` files and `spec.ignore`, not Git's defaults.
                await ArtifactArchiver.WriteAsync(tree, SourceIgnore.For(tree, spec.Ignore ?? ""), archive, cancellation);
            }
            var artifact = await services.Store.StoreAsync(Kind, request.Key.Namespace, request.Key.Name, archive, resolved.Revision, cancellation);
            return artifact with { Metadata = annotations };
        }
        catch (IOException error)
        {
            throw new StorageOperationException(SourceConditions.ArchiveOperationFailedReason, $"unable to archive artifact to storage: {error.Message}", error);
        }
        finally
        {
            work.Delete(recursive: true);
            File.Delete(archive);
        }
    }

    private static async Task ExtractAsync(string layer, string tree, CancellationToken cancellation)
    {
        try
        {
            await SafeExtractor.ExtractAsync(layer, tree, cancellation);
        }
        catch (Exception error) when (error is InvalidDataException or FormatException or InvalidOperationException or IOException)
        {
            throw new OciFetchException(SourceConditions.OCILayerOperationFailedReason, $"failed to extract layer contents from artifact: {error.Message}");
        }
    }

    /// <summary>The stored artifact, when it is of this revision and was built with the same `ignore` and `layerSelector`.</summary>
    private static Artifact? Reusable(OCIRepositoryStatus? previous, Artifact? stored, string revision, OCIRepositoryStatus observed) =>
        previous is not null && stored?.Revision == revision &&
        JsonNode.DeepEquals(FleetJson.SerializeToNode(previous with { Artifact = null, Url = null }), FleetJson.SerializeToNode(observed))
            ? stored
            : null;

    private bool IsStored(Artifact artifact, string baseUrl) =>
        artifact.Url.StartsWith(baseUrl + "/", StringComparison.Ordinal) && File.Exists(Path.Combine(services.Store.Root, artifact.Path));

    /// <summary>Deletes the object's artifacts on this node.</summary>
    public Task CleanupAsync(ReconcileRequest request, CancellationToken cancellationToken)
    {
        services.Store.Delete(Kind, request.Key.Namespace, request.Key.Name);
        return Task.CompletedTask;
    }
}

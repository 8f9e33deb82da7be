using System.Security.Cryptography;
using Fleet.Actors.Kube;
using Fleet.Actors.Reconciliation;
using Fleet.Actors.Toolkit;
using Fleet.Messages;
using Fleet.Messages.Api;
using Fleet.Messages.Api.Meta;
using Fleet.Messages.Api.Source;

namespace Fleet.Actors.Sources.Helm;

/// <summary>
/// Converges one HelmRepository as source-controller does. `type: default`: fetches `index.yaml`, takes its sha256 as the
/// revision, and stores the loaded index as JSON (`index-&lt;hex&gt;.yaml`) only when the revision changed; a failure reports
/// Flux's reason and keeps the last index stored and in status. `type: oci`: a data container its HelmCharts read; nothing
/// is fetched or stored.
/// </summary>
public sealed class HelmRepositoryReconciler(SourceServices services) : IObjectReconciler, IObjectCleanup
{
    public const string Kind = "helmrepository";

    private static readonly string[] Problems = [SourceConditions.StorageOperationFailed, SourceConditions.FetchFailed, SourceConditions.ArtifactOutdated];

    private readonly HelmAccessReader _access = new(services.Kubernetes);

    public async Task<ReconcileResult> ReconcileAsync(ReconcileRequest request, CancellationToken cancellationToken)
    {
        var spec = FleetJson.Deserialize<HelmRepository>(request.Object)?.Spec ?? new HelmRepositorySpec();
        var key = request.Key;
        var conditions = new KindConditions(request.Previous.Conditions, Problems);
        if (HelmRepositoryUnsupportedFields.Fields.Check(spec) is { } refusal)
        {
            conditions.MarkTrue(refusal.Condition ?? SourceConditions.FetchFailed, refusal.Reason, refusal.Message);
            return ReconcileResult.Stall(refusal.Reason, refusal.Message) with { Conditions = conditions.All };
        }
        if (HelmRepositoryTypes.IsOci(spec.Type))
        {
            return StaticOci(key, spec);
        }
        var previous = request.Previous.KindStatusJson is { } json ? FleetJson.Deserialize<HelmRepositoryStatus>(json) : null;
        var stored = previous?.Artifact is { } last && await services.Store.HoldsAsync(last, cancellationToken) ? last : null;
        conditions.Delete(SourceConditions.StorageOperationFailed);
        if (stored is null)
        {
            conditions.Delete(SourceConditions.ArtifactInStorage);
        }
        var status = new HelmRepositoryStatus { Artifact = stored };
        HelmRepositoryAccess? access = null;
        try
        {
            var url = HelmRepositoryUrl.ParseHttp(spec.Url);
            access = await _access.ReadAsync(key.Namespace, spec, url, cancellationToken);
            var bytes = await FetchIndexAsync(access, cancellationToken);
            var revision = "sha256:" + Convert.ToHexStringLower(SHA256.HashData(bytes));
            var artifact = stored?.Revision == revision ? stored : null;
            if (artifact is null)
            {
                var index = Load(bytes);
                conditions.Delete(SourceConditions.FetchFailed);
                if (stored is not null)
                {
                    conditions.MarkTrue(SourceConditions.ArtifactOutdated, SourceConditions.NewRevisionReason, $"new index revision '{revision}'");
                }
                artifact = await StoreAsync(key, index, revision, cancellationToken);
            }
            conditions.Delete(SourceConditions.FetchFailed);
            conditions.Delete(SourceConditions.ArtifactOutdated);
            var message = $"stored artifact: revision '{revision}'";
            conditions.MarkTrue(SourceConditions.ArtifactInStorage, ConditionReasons.Succeeded, message);
            IReadOnlyList<ObjectEvent> events = previous?.Artifact?.Digest == artifact.Digest ? [] : [NewArtifact(artifact, spec.Url)];
            return ReconcileResult.Success(message, revision, status: KindStatus<HelmRepositoryStatus>.Json(status with { Artifact = artifact })) with
            {
                Conditions = conditions.All,
                Events = events,
            };
        }
        catch (HelmFetchException error)
        {
            var text = access?.Redact(error.Message) ?? error.Message;
            conditions.MarkTrue(SourceConditions.FetchFailed, error.Reason, text);
            var result = error.Stalling ? ReconcileResult.Stall(error.Reason, text) : ReconcileResult.Failure(error.Reason, text);
            return result with { Conditions = conditions.All, Status = KindStatus<HelmRepositoryStatus>.Json(status) };
        }
        catch (StorageOperationException error)
        {
            conditions.MarkTrue(SourceConditions.StorageOperationFailed, error.Reason, error.Message);
            return ReconcileResult.Failure(error.Reason, error.Message) with { Conditions = conditions.All, Status = KindStatus<HelmRepositoryStatus>.Json(status) };
        }
    }

    private static async Task<byte[]> FetchIndexAsync(HelmRepositoryAccess access, CancellationToken cancellation)
    {
        using var http = new HelmHttp(access);
        try
        {
            return await http.GetAsync(HelmRepositoryUrl.IndexOf(access.Url), HelmIndex.MaxBytes, cancellation);
        }
        catch (HelmFetchException error)
        {
            var hint = error.Unauthorized ? "; check the credentials in the HelmRepository's secretRef" : "";
            throw new HelmFetchException(
                error.Unauthorized ? SourceConditions.AuthenticationFailedReason : error.Reason,
                $"failed to fetch Helm repository index: failed to cache index to temporary file: {error.Message}{hint}",
                error);
        }
    }

    private static HelmIndex Load(byte[] bytes)
    {
        try
        {
            return HelmIndex.Parse(bytes);
        }
        catch (Exception error) when (error is FormatException or System.Text.Json.JsonException)
        {
            throw new HelmFetchException(
                SourceConditions.IndexationFailedReason, $"failed to load Helm repository from index YAML: failed to load index: {error.Message}", error);
        }
    }

    private async Task<Artifact> StoreAsync(ObjectKey key, HelmIndex index, string revision, CancellationToken cancellation)
    {
        var temporary = services.Store.NewTemporaryPath();
        try
        {
            await File.WriteAllBytesAsync(temporary, index.ToJson(), cancellation);
            var hex = revision["sha256:".Length..];
            return await services.Store.StoreAsync(Kind, key.Namespace, key.Name, temporary, revision, cancellation, $"index-{hex}.yaml");
        }
        catch (IOException error)
        {
            throw new StorageOperationException(SourceConditions.ArchiveOperationFailedReason, $"unable to save artifact to storage: {error.Message}", error);
        }
        finally
        {
            File.Delete(temporary);
        }
    }

    /// <summary>Flux's NewArtifact event for a stored index, with the revision and digest annotations.</summary>
    private static ObjectEvent NewArtifact(Artifact artifact, string url)
    {
        var size = artifact.Size is { } bytes ? $"size {HumanSize.Format(bytes)}" : "unknown size";
        return new ObjectEvent(ObjectEvent.Normal, SourceConditions.NewArtifactReason, $"stored fetched index of {size} from '{url}'")
        {
            Annotations = HelmEventMetadata.Artifact(artifact),
        };
    }

    /// <summary>
    /// An OCI repository holds nothing of its own: Flux turns it into a static object and its HelmCharts pull from the
    /// registry. Fleet's runtime keeps Ready on every object, so Ready says that, and any index stored before is removed.
    /// </summary>
    private ReconcileResult StaticOci(ObjectKey key, HelmRepositorySpec spec)
    {
        services.Store.Delete(Kind, key.Namespace, key.Name);
        var message = $"Helm repository of type 'oci' is a data container: HelmCharts pull their charts from '{spec.Url}'";
        return ReconcileResult.Success(message, status: KindStatus<HelmRepositoryStatus>.Json(new HelmRepositoryStatus())) with { Conditions = [] };
    }

    public Task CleanupAsync(ReconcileRequest request, CancellationToken cancellationToken)
    {
        services.Store.Delete(Kind, request.Key.Namespace, request.Key.Name);
        return Task.CompletedTask;
    }
}

using System.Diagnostics;
using System.Runtime.CompilerServices;
using System.Text.Json.Nodes;
using Fleet.Actors.Apply;
using Fleet.Actors.Apply.Health;
using Fleet.Actors.Kube;
using Fleet.Actors.Reconciliation;
using Fleet.Actors.Sources;
using Fleet.Actors.Sources.Artifacts;
using Fleet.Messages;
using Fleet.Messages.Api;
using Fleet.Messages.Api.Kustomize;
using Fleet.Messages.Api.Meta;
using Fleet.Messages.Entities;
using k8s;

namespace Fleet.Actors.Kustomize;

/// <summary>
/// Converges one Kustomization, in Flux's order: source artifact → dependencies → build → substitute →
/// staged server-side apply → prune → health. A failure at any step leaves what is applied in place and
/// reports Flux's reason; nothing of a revision is applied unless every object of it passed a dry-run.
/// </summary>
public sealed class KustomizationReconciler(SourceServices services, KustomizeTool tool, UnpackedArtifacts artifacts) : IObjectReconciler, IObjectCleanup
{
    /// <summary>The kinds a Kustomization's sourceRef may name.</summary>
    private static readonly string[] SourceKinds = [FluxKinds.GitRepository.Kind, FluxKinds.OCIRepository.Kind, FluxKinds.Bucket.Kind];

    private static readonly TimeSpan HealthPollInterval = TimeSpan.FromSeconds(1);
    private static readonly TimeSpan MinimumHealthWait = TimeSpan.FromSeconds(5);

    private readonly FluxObjectReader _objects = new(services.Kubernetes);
    private readonly KustomizeBuilder _builder = new(tool);
    private (string Key, IReadOnlyList<string> Objects)? _lastBuild;

    /// <summary>Discovery is shared by every Kustomization that reaches the same cluster as the same identity.</summary>
    private static readonly ConditionalWeakTable<IKubernetes, RestMapper> _mappers = new();

    public async Task<ReconcileResult> ReconcileAsync(ReconcileRequest request, CancellationToken cancellationToken)
    {
        var started = Stopwatch.StartNew();
        var spec = FleetJson.Deserialize<Kustomization>(request.Object)?.Spec ?? new KustomizationSpec();
        var previous = PreviousStatus(request);
        var sourceKey = new ObjectKey(spec.SourceRef.Kind, spec.SourceRef.Namespace ?? request.Key.Namespace, spec.SourceRef.Name);
        if (!SourceKinds.Contains(sourceKey.Kind))
        {
            return Failed(ConditionReasons.ArtifactFailed, $"unsupported source kind '{sourceKey.Kind}': expected one of {string.Join(", ", SourceKinds)}", previous, null);
        }
        var upstreams = new Dictionary<ObjectKey, string?> { [sourceKey] = null };

        var source = await _objects.ReadAsync(sourceKey, cancellationToken);
        if (source is null)
        {
            return Failed(ConditionReasons.ArtifactFailed, $"Source '{Subject(sourceKey)}' not found", previous, upstreams);
        }
        if (FluxObjectReader.ArtifactOf(source) is not { } artifact)
        {
            return Failed(ConditionReasons.ArtifactFailed, $"Source '{Subject(sourceKey)}' is not ready, artifact not found", previous, upstreams);
        }
        upstreams[sourceKey] = artifact.Revision;

        foreach (var dependency in spec.DependsOn ?? [])
        {
            var dependencyKey = new ObjectKey(FluxKinds.Kustomization.Kind, dependency.Namespace ?? request.Key.Namespace, dependency.Name);
            var blocker = DependencyReadiness.Blocker(dependencyKey, await _objects.ReadAsync(dependencyKey, cancellationToken), sourceKey, artifact.Revision);
            upstreams[dependencyKey] = null;
            if (blocker is not null)
            {
                return Failed(ConditionReasons.DependencyNotReady, blocker, previous, upstreams);
            }
        }

        var attempted = previous with { LastAttemptedRevision = artifact.Revision };
        try
        {
            var client = await services.Clusters.ForAsync(request.Key.Namespace, spec.ServiceAccountName, spec.KubeConfig, cancellationToken);
            var objects = await BuildAsync(request.Key.Namespace, request.Object, spec, artifact, cancellationToken);
            var manager = Manager(client);
            var ownerLabels = ApplyOwner.Fleet.LabelsFor(request.Key.Name, request.Key.Namespace);
            var changes = await manager.ApplyAllStagedAsync(objects, new ApplyOptions { Force = spec.Force ?? false, OwnerLabels = ownerLabels, WaitTimeout = TimeoutOf(spec) }, cancellationToken);
            var inventory = Inventory.From(changes);
            var events = new List<ObjectEvent>();
            if (changes.HasChanges)
            {
                events.Add(new ObjectEvent(ObjectEvent.Normal, ConditionReasons.Progressing, string.Join('\n', changes.Changed)));
            }
            if (spec.Prune)
            {
                var pruned = await manager.DeleteAllAsync(Inventory.Stale(previous.Inventory, inventory), new PruneOptions { OwnerLabels = ownerLabels }, cancellationToken);
                if (pruned.HasChanges)
                {
                    events.Add(new ObjectEvent(ObjectEvent.Normal, ConditionReasons.Progressing, string.Join('\n', pruned.Changed)));
                }
                if (pruned.Errors.Count > 0)
                {
                    // Objects whose deletion was not confirmed stay in the inventory, so a later run prunes them.
                    var survivors = WithSurvivors(inventory, previous.Inventory, pruned);
                    return Failed(ConditionReasons.PruneFailed, string.Join('\n', pruned.Errors), attempted with { Inventory = survivors }, upstreams) with { Events = events };
                }
            }
            var applied = attempted with { Inventory = inventory };
            var health = await CheckHealthAsync(manager, spec, changes, request, started.Elapsed, cancellationToken);
            if (health is { Healthy: false })
            {
                return Failed(ConditionReasons.HealthCheckFailed, health.Message, applied, upstreams) with { Events = events };
            }
            var done = applied with { LastAppliedRevision = artifact.Revision };
            var success = ReconcileResult.Success($"Applied revision: {artifact.Revision}", artifact.Revision, ConditionReasons.ReconciliationSucceeded, StatusOf(done));
            return success with { Upstreams = upstreams, Events = events };
        }
        catch (KustomizeBuildException error)
        {
            return Failed(error.Reason, error.Message, attempted, upstreams);
        }
        catch (ApplyException error)
        {
            return Failed(ConditionReasons.ReconciliationFailed, error.Message, attempted, upstreams);
        }
        catch (ClusterAccessException error)
        {
            return Failed(ConditionReasons.ReconciliationFailed, error.Message, attempted, upstreams);
        }
    }

    /// <summary>
    /// The objects of the artifact at the spec's path, substituted. The last build is reused while the artifact,
    /// the spec and the variables stay the same, so an idle Kustomization does not run kustomize every interval.
    /// </summary>
    private async Task<IReadOnlyList<JsonObject>> BuildAsync(string ns, JsonObject kustomization, KustomizationSpec spec, Artifact artifact, CancellationToken cancellation)
    {
        var variables = spec.PostBuild is { } postBuild ? await new SubstitutionVariables(services.Kubernetes).ReadAsync(ns, postBuild, cancellation) : null;
        var key = new JsonObject
        {
            ["digest"] = artifact.Digest ?? artifact.Revision,
            ["spec"] = kustomization["spec"]?.DeepClone(),
            ["variables"] = variables is null ? null : new JsonObject(variables.OrderBy(v => v.Key, StringComparer.Ordinal).Select(v => KeyValuePair.Create(v.Key, (JsonNode?)v.Value))),
        }.ToJsonString();
        if (_lastBuild is { } last && last.Key == key)
        {
            return [.. last.Objects.Select(o => JsonNode.Parse(o)!.AsObject())];
        }
        using var unpacked = await UnpackAsync(artifact, cancellation);
        var objects = await _builder.BuildAsync(unpacked.Root, spec, variables, PostBuildSubstitution.StrictByDefault, cancellation);
        _lastBuild = (key, [.. objects.Select(o => o.ToJsonString())]);
        return objects;
    }

    private async Task<UnpackedArtifact> UnpackAsync(Artifact artifact, CancellationToken cancellation)
    {
        try
        {
            return await artifacts.AcquireAsync(artifact, cancellation);
        }
        catch (ArtifactDownloadException error)
        {
            throw new KustomizeBuildException(ConditionReasons.ArtifactFailed, error.Message, error);
        }
    }

    /// <summary>`wait` checks every applied object, else `healthChecks` lists them; null when neither is asked.</summary>
    private static async Task<HealthCheckResult?> CheckHealthAsync(
        ResourceManager manager, KustomizationSpec spec, ChangeSet changes, ReconcileRequest request, TimeSpan elapsed, CancellationToken cancellation)
    {
        var self = new ObjectRef(FluxKinds.Kustomization.Group, FluxKinds.Kustomization.Version, FluxKinds.Kustomization.Kind, request.Key.Namespace, request.Key.Name);
        var targets = spec.Wait == true
            ? changes.Entries.Where(e => e.Action != ChangeAction.Skipped).Select(e => e.Object).ToList()
            : (spec.HealthChecks ?? []).Select(h => HealthTarget(h, request.Key.Namespace)).ToList();
        targets = [.. targets.Where(t => !SameObject(t, self))];
        if (targets.Count == 0)
        {
            return null;
        }
        // The whole run has `timeout`; the wait gets what the build and apply left of it, so it ends with Flux's message.
        var timeout = TimeoutOf(spec);
        var remaining = timeout - elapsed > MinimumHealthWait ? timeout - elapsed : MinimumHealthWait;
        return await new HealthWaiter(manager.GetAsync, TimeProvider.System).WaitAsync(targets, remaining, HealthPollInterval, failFast: true, cancellation);
    }

    private static ResourceInventory WithSurvivors(ResourceInventory applied, ResourceInventory? previous, ChangeSet pruned)
    {
        var unknown = pruned.Entries.Where(e => e.Action == ChangeAction.Unknown).Select(e => Inventory.IdOf(e.Object)).ToHashSet();
        var kept = (previous?.Entries ?? []).Where(e => unknown.Contains(e.Id) && applied.Entries.All(a => a.Id != e.Id));
        return applied with { Entries = [.. applied.Entries, .. kept] };
    }

    private ResourceManager Manager(IKubernetes client) =>
        new(client, ApplyOwner.Fleet, o => KStatus.Compute(o, DateTimeOffset.UtcNow).Status, _mappers.GetValue(client, c => new RestMapper(c)));

    private static ObjectRef HealthTarget(NamespacedObjectKindReference check, string ns)
    {
        var apiVersion = check.ApiVersion ?? "apps/v1";
        var slash = apiVersion.LastIndexOf('/');
        return new ObjectRef(slash < 0 ? "" : apiVersion[..slash], apiVersion[(slash + 1)..], check.Kind, check.Namespace ?? ns, check.Name);
    }

    private static bool SameObject(ObjectRef a, ObjectRef b) => a.Group == b.Group && a.Kind == b.Kind && a.Namespace == b.Namespace && a.Name == b.Name;

    /// <summary>On deletion, Flux's deletionPolicy decides whether the applied objects go too (MirrorPrune follows `prune`).</summary>
    public async Task CleanupAsync(ReconcileRequest request, CancellationToken cancellationToken)
    {
        var spec = FleetJson.Deserialize<Kustomization>(request.Object)?.Spec ?? new KustomizationSpec();
        var policy = spec.DeletionPolicy ?? "MirrorPrune";
        var delete = policy is "Delete" or "WaitForTermination" || (policy == "MirrorPrune" && spec.Prune);
        if (!delete || PreviousStatus(request).Inventory is not { Entries.Count: > 0 } inventory)
        {
            return;
        }
        IKubernetes client;
        try
        {
            client = await services.Clusters.ForAsync(request.Key.Namespace, spec.ServiceAccountName, spec.KubeConfig, cancellationToken);
        }
        catch (ClusterAccessException)
        {
            // As in Flux: without a way into the target cluster the objects are left and the deletion proceeds.
            return;
        }
        var manager = Manager(client);
        var targets = Inventory.Stale(inventory, new ResourceInventory());
        await manager.DeleteAllAsync(targets, new PruneOptions { OwnerLabels = ApplyOwner.Fleet.LabelsFor(request.Key.Name, request.Key.Namespace) }, cancellationToken);
        if (policy == "WaitForTermination")
        {
            var timeout = TimeoutOf(spec);
            await new HealthWaiter(manager.GetAsync, TimeProvider.System).WaitForTerminationAsync(targets, timeout, HealthPollInterval, cancellationToken);
        }
    }

    /// <summary>The kind's status as last reported: the entity's memory, else what the object carries (a Kustomization Flux reconciled before).</summary>
    private static KustomizationStatus PreviousStatus(ReconcileRequest request)
    {
        if (request.Previous.KindStatusJson is { } json && FleetJson.Deserialize<KustomizationStatus>(json) is { } remembered)
        {
            return remembered;
        }
        return request.Object["status"] is JsonObject live && FleetJson.Deserialize<KustomizationStatus>(live) is { } status
            ? new KustomizationStatus { LastAppliedRevision = status.LastAppliedRevision, LastAttemptedRevision = status.LastAttemptedRevision, Inventory = status.Inventory }
            : new KustomizationStatus();
    }

    private static ReconcileResult Failed(string reason, string message, KustomizationStatus status, IReadOnlyDictionary<ObjectKey, string?>? upstreams) =>
        new ReconcileResult(ReconcileOutcome.Failed, reason, message, Status: StatusOf(status)) { Upstreams = upstreams };

    /// <summary>The fields this reconciler owns; the runtime adds conditions, observedGeneration and lastHandledReconcileAt.</summary>
    private static JsonObject StatusOf(KustomizationStatus status) =>
        FleetJson.SerializeToNode(new KustomizationStatus
        {
            LastAppliedRevision = status.LastAppliedRevision,
            LastAttemptedRevision = status.LastAttemptedRevision,
            Inventory = status.Inventory,
        })!.AsObject();

    /// <summary>`timeout`, else `interval`, as Flux defaults it; a minute when neither says anything usable.</summary>
    private static TimeSpan TimeoutOf(KustomizationSpec spec) =>
        (spec.Timeout?.Value ?? spec.Interval.Value) is var timeout && timeout > TimeSpan.Zero ? timeout : TimeSpan.FromMinutes(1);

    private static string Subject(ObjectKey key) => $"{key.Kind}/{key.Namespace}/{key.Name}";
}

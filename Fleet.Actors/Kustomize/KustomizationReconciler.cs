using System.Text.Json.Nodes;
using Fleet.Actors.Apply;
using Fleet.Actors.Kube;
using Fleet.Actors.Toolkit;
using Fleet.Actors.Reconciliation;
using Fleet.Actors.Sources;
using Fleet.Actors.Sources.Artifacts;
using Fleet.Messages;
using Fleet.Messages.Api;
using Fleet.Messages.Api.Kustomize;
using Fleet.Messages.Api.Meta;
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

    private static readonly string Group = FluxKinds.Kustomization.Group;

    private readonly TimeProvider _clock = services.Clusters.Clock;
    private readonly SourceLookup _sources = new(new FluxObjectReader(services.Kubernetes), services.Flags);
    private readonly DependencyGate _dependencies = new(new FluxObjectReader(services.Kubernetes), services.Flags);
    private readonly HealthCheckRun _health = new(services.Clusters.Clock);
    private readonly KustomizeBuilder _builder = new(tool, allowRemoteBases: !services.Flags.NoRemoteBases);
    private (string Key, IReadOnlyList<string> Objects)? _lastBuild;

    public async Task<ReconcileResult> ReconcileAsync(ReconcileRequest request, CancellationToken cancellationToken)
    {
        var started = _clock.GetTimestamp();
        var spec = FleetJson.Deserialize<Kustomization>(request.Object)?.Spec ?? new KustomizationSpec();
        var previous = PreviousStatus(request);
        if (KustomizationUnsupportedFields.Refusal(spec) is { } refused)
        {
            return KindStatus<KustomizationStatus>.Stopped(refused, previous, null);
        }

        var upstreams = new Dictionary<ObjectKey, string?>();
        var sourceKey = new ObjectKey(spec.SourceRef.Kind, spec.SourceRef.Namespace ?? request.Key.Namespace, spec.SourceRef.Name);
        var source = await _sources.FindAsync(request.Key, sourceKey, SourceKinds, upstreams, cancellationToken);
        if (source.Stopped)
        {
            return KindStatus<KustomizationStatus>.Stopped(source.Stop, previous, upstreams);
        }
        var revision = source.Artifact.Revision;
        var attempted = previous with { LastAttemptedRevision = revision };
        var annotations = FluxEventMetadata.Revision(Group, revision);
        if (await _dependencies.CheckAsync(request.Key, spec.DependsOn, sourceKey, revision, upstreams, annotations, cancellationToken) is { } blocked)
        {
            return KindStatus<KustomizationStatus>.Stopped(blocked, attempted, upstreams);
        }

        var run = new Run(request, spec, source.Artifact, attempted, upstreams, annotations, started);
        try
        {
            return await ConvergeAsync(run, cancellationToken);
        }
        catch (KustomizeBuildException error)
        {
            return Failed(error.Reason, error.Message, run);
        }
        catch (ApplyException error)
        {
            return Failed(ConditionReasons.ReconciliationFailed, error.FirstError, run);
        }
        catch (ClusterAccessException error)
        {
            return Failed(ConditionReasons.ReconciliationFailed, error.Message, run);
        }
        catch (Exception error) when (error is not OperationCanceledException)
        {
            // A defect, not the user's input: a .NET exception text would mean nothing in a status, so only its stage and type show.
            var reason = run.Step == Step.Build ? ConditionReasons.BuildFailed : ConditionReasons.ReconciliationFailed;
            return Failed(reason, $"{StepText(run.Step)}: unexpected internal error ({error.GetType().Name})", run);
        }
    }

    /// <summary>Build, apply, prune and health of the revision the source and the dependencies let through.</summary>
    private async Task<ReconcileResult> ConvergeAsync(Run run, CancellationToken cancellation)
    {
        var (request, spec) = (run.Request, run.Spec);
        run.Step = Step.Client;
        var client = await services.Clusters.ForAsync(
            request.Key.Namespace, Tenancy.ServiceAccountFor(services.Flags, spec.ServiceAccountName), spec.KubeConfig, cancellation);
        run.Step = Step.Build;
        var objects = await BuildAsync(request.Key.Namespace, request.Object, spec, run.Artifact, cancellation);

        run.Step = Step.Apply;
        var manager = services.Clusters.ApplyEngineFor(client, ApplyOwner.Fleet);
        var ownerLabels = ApplyOwner.Fleet.LabelsFor(request.Key.Name, request.Key.Namespace);
        var changes = await manager.ApplyAllStagedAsync(objects, new ApplyOptions { Force = spec.Force ?? false, OwnerLabels = ownerLabels, WaitTimeout = TimeoutOf(spec) }, cancellation);
        var inventory = Inventory.From(changes);
        if (changes.HasChanges)
        {
            run.Events.Add(Progress(string.Join('\n', changes.Changed), run));
        }

        run.Step = Step.Prune;
        if (spec.Prune)
        {
            var pruned = await manager.DeleteAllAsync(Inventory.Stale(run.Attempted.Inventory, inventory), new PruneOptions { OwnerLabels = ownerLabels }, cancellation);
            if (pruned.HasChanges)
            {
                run.Events.Add(Progress(string.Join('\n', pruned.Changed), run));
            }
            if (pruned.Errors.Count > 0)
            {
                // Objects whose deletion was not confirmed stay in the inventory, so a later run prunes them.
                run.Attempted = run.Attempted with { Inventory = WithSurvivors(inventory, run.Attempted.Inventory, pruned) };
                return Failed(ConditionReasons.PruneFailed, string.Join('\n', pruned.Errors), run);
            }
        }
        run.Attempted = run.Attempted with { Inventory = inventory };

        run.Step = Step.Health;
        var health = await _health.WaitAsync(manager, HealthTargets(spec, changes, request.Key), TimeoutOf(spec), _clock.GetElapsedTime(run.Started), cancellation);
        IReadOnlyList<Condition> conditions = health is null ? [] : [health.Condition];
        if (health is { Healthy: false })
        {
            return Failed(ConditionReasons.HealthCheckFailed, health.Message, run) with { Conditions = conditions };
        }
        if (health is not null && !WasHealthy(request))
        {
            run.Events.Add(Progress(health.Message, run));
        }

        var revision = run.Artifact.Revision;
        var done = run.Attempted with { LastAppliedRevision = revision };
        var finished = new ObjectEvent(
            ObjectEvent.Normal,
            ConditionReasons.ReconciliationSucceeded,
            $"Reconciliation finished in {GoDuration.Format(_clock.GetElapsedTime(run.Started))}, next run in {GoDuration.Format(spec.Interval.Value)}")
        {
            Annotations = FluxEventMetadata.CommitStatus(Group, revision),
        };
        var success = KindStatus<KustomizationStatus>.Succeeded(ConditionReasons.ReconciliationSucceeded, $"Applied revision: {revision}", revision, done, run.Upstreams);
        return success with { Events = [.. run.Events, finished], Conditions = conditions };
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

    /// <summary>`wait` checks every applied object, else `healthChecks` lists them; never the Kustomization itself.</summary>
    private static List<ObjectRef> HealthTargets(KustomizationSpec spec, ChangeSet changes, ObjectKey key)
    {
        var self = new ObjectRef(FluxKinds.Kustomization.Group, FluxKinds.Kustomization.Version, FluxKinds.Kustomization.Kind, key.Namespace, key.Name);
        var targets = spec.Wait == true
            ? changes.Entries.Where(e => e.Action != ChangeAction.Skipped).Select(e => e.Object)
            : (spec.HealthChecks ?? []).Select(h => HealthTarget(h, key.Namespace));
        return [.. targets.Where(t => !SameObject(t, self))];
    }

    private static bool WasHealthy(ReconcileRequest request) =>
        request.Previous.Conditions.Any(c => c.Type == ConditionTypes.Healthy && c.Status == ConditionStatus.True);

    private static ResourceInventory WithSurvivors(ResourceInventory applied, ResourceInventory? previous, ChangeSet pruned)
    {
        var unknown = pruned.Entries.Where(e => e.Action == ChangeAction.Unknown).Select(e => Inventory.IdOf(e.Object)).ToHashSet();
        var kept = (previous?.Entries ?? []).Where(e => unknown.Contains(e.Id) && applied.Entries.All(a => a.Id != e.Id));
        return applied with { Entries = [.. applied.Entries, .. kept] };
    }

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
            client = await services.Clusters.ForAsync(
                request.Key.Namespace, Tenancy.ServiceAccountFor(services.Flags, spec.ServiceAccountName), spec.KubeConfig, cancellationToken);
        }
        catch (ClusterAccessException)
        {
            // As in Flux: without a way into the target cluster the objects are left and the deletion proceeds.
            return;
        }
        var manager = services.Clusters.ApplyEngineFor(client, ApplyOwner.Fleet);
        var targets = Inventory.Stale(inventory, new ResourceInventory());
        await manager.DeleteAllAsync(targets, new PruneOptions { OwnerLabels = ApplyOwner.Fleet.LabelsFor(request.Key.Name, request.Key.Namespace) }, cancellationToken);
        if (policy == "WaitForTermination")
        {
            await _health.WaitForTerminationAsync(manager, targets, TimeoutOf(spec), cancellationToken);
        }
    }

    /// <summary>Only the fields this reconciler owns carry over from a live status; the runtime writes the rest.</summary>
    private static KustomizationStatus PreviousStatus(ReconcileRequest request) =>
        KindStatus<KustomizationStatus>.Previous(request, status => new KustomizationStatus
        {
            LastAppliedRevision = status.LastAppliedRevision,
            LastAttemptedRevision = status.LastAttemptedRevision,
            Inventory = status.Inventory,
        });

    /// <summary>A failure once the revision is known: it is the attempted one, and the run's events and upstreams go with it.</summary>
    private static ReconcileResult Failed(string reason, string message, Run run) =>
        KindStatus<KustomizationStatus>.Failed(reason, message, run.Attempted, run.Upstreams) with { Events = [.. run.Events] };

    /// <summary>Flux names an event after the Ready reason of the moment, which during a run is Progressing.</summary>
    private static ObjectEvent Progress(string message, Run run) =>
        new(ObjectEvent.Normal, ConditionReasons.Progressing, message) { Annotations = run.Annotations };

    /// <summary>`timeout`, else `interval`, as Flux defaults it; a minute when neither says anything usable.</summary>
    private static TimeSpan TimeoutOf(KustomizationSpec spec) =>
        (spec.Timeout?.Value ?? spec.Interval.Value) is var timeout && timeout > TimeSpan.Zero ? timeout : TimeSpan.FromMinutes(1);

    private static string StepText(Step step) => step switch
    {
        Step.Client => "failed to build kube client",
        Step.Build => "kustomize build failed",
        Step.Apply => "apply failed",
        Step.Prune => "prune failed",
        _ => "health check failed",
    };

    private enum Step
    {
        Client,
        Build,
        Apply,
        Prune,
        Health,
    }

    /// <summary>What one run has reached so far: the step it is at, the status it would report, and its events.</summary>
    private sealed class Run(
        ReconcileRequest request,
        KustomizationSpec spec,
        Artifact artifact,
        KustomizationStatus attempted,
        IReadOnlyDictionary<ObjectKey, string?> upstreams,
        IReadOnlyDictionary<string, string> annotations,
        long started)
    {
        public ReconcileRequest Request { get; } = request;

        public KustomizationSpec Spec { get; } = spec;

        public Artifact Artifact { get; } = artifact;

        public IReadOnlyDictionary<ObjectKey, string?> Upstreams { get; } = upstreams;

        public IReadOnlyDictionary<string, string> Annotations { get; } = annotations;

        public long Started { get; } = started;

        public KustomizationStatus Attempted { get; set; } = attempted;

        public Step Step { get; set; }

        public List<ObjectEvent> Events { get; } = [];
    }
}

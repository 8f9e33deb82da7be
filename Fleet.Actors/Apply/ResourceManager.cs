using System.Text.Json.Nodes;
using Fleet.Actors.Apply.Health;
using k8s;

namespace Fleet.Actors.Apply;

/// <summary>
/// Flux's apply engine: staged server-side apply of a set of objects with drift detection, and prune.
/// Every object of a set is dry-run before the first write, so a set the API server rejects leaves the cluster as it was.
/// <paramref name="health"/> judges whether an object of the waited-for stages is ready (kstatus); waits run on
/// <paramref name="clock"/>. Managers of one API server may share a <see cref="RestMapper"/>, so discovery is not repeated
/// per manager.
/// </summary>
public sealed class ResourceManager
{
    private readonly Func<JsonObject, HealthStatus> _health;
    private readonly TimeProvider _clock;
    private readonly RestMapper _mapper;
    private readonly ObjectClient _objects;
    private readonly AnnotationSelectors _selectors;
    private readonly MetadataCleanup _cleanup;
    private readonly ObjectPlanner _planner;

    public ResourceManager(IKubernetes client, ApplyOwner owner, Func<JsonObject, HealthStatus> health, TimeProvider clock, RestMapper? mapper = null)
    {
        Owner = owner;
        _health = health;
        _clock = clock;
        _mapper = mapper ?? new RestMapper(client, clock);
        _objects = new ObjectClient(client, owner.FieldManager);
        _selectors = new AnnotationSelectors(owner.Group);
        _cleanup = new MetadataCleanup(owner);
        _planner = new ObjectPlanner(_mapper, _objects, _selectors);
    }

    public ApplyOwner Owner { get; }

    public async Task<ChangeSet> ApplyAllStagedAsync(IReadOnlyList<JsonObject> objects, ApplyOptions options, CancellationToken ct)
    {
        var manifests = ApplyOrder.Sort(objects.Select(o => WithLabels(o, options.OwnerLabels)), ObjectRef.Of);
        var validated = await ValidateAsync(manifests, options, ct);
        var entries = new List<ChangeSetEntry>();
        var written = false;
        foreach (var stage in ApplyStages.Split(manifests, ObjectRef.Of))
        {
            // Once something was written, earlier dry-runs may be stale (a namespace or CRD now exists): run them again.
            var plans = await PlanStageAsync(stage.Objects, written ? null : validated, options, ct);
            ThrowOnFailures(plans);
            var stageEntries = new List<ChangeSetEntry>();
            foreach (var plan in plans)
            {
                var entry = await CommitAsync(plan, options, ct);
                written |= entry.Action is ChangeAction.Created or ChangeAction.Configured;
                stageEntries.Add(entry);
            }

            entries.AddRange(stageEntries);
            if (stageEntries.Any(e => ApplyStages.IsCrd(e.Object) && e.IsChange))
            {
                _mapper.ForgetMisses();
            }

            if (stage.Wait)
            {
                await WaitCurrentAsync([.. stageEntries.Where(e => e.Action != ChangeAction.Skipped).Select(e => e.Object)], options, ct);
            }
        }

        return new ChangeSet(entries);
    }

    /// <summary>Prunes: deletes (in reverse apply order) the objects that still carry the owner labels and no exclusion marker.</summary>
    public async Task<ChangeSet> DeleteAllAsync(IReadOnlyList<ObjectRef> objects, PruneOptions options, CancellationToken ct)
    {
        var entries = new List<ChangeSetEntry>();
        var errors = new List<string>();
        foreach (var o in ApplyOrder.SortForDelete(objects, o => o))
        {
            var (action, error) = await PruneAsync(o, options, ct);
            entries.Add(new ChangeSetEntry(o, action));
            if (error is not null)
            {
                errors.Add(error);
            }
        }

        return new ChangeSet(entries) { Errors = errors };
    }

    /// <summary>The live object, or null when it (or its kind) does not exist.</summary>
    public async Task<JsonObject?> GetAsync(ObjectRef target, CancellationToken ct)
    {
        var mapping = await _mapper.FindAsync(target.Group, target.Version, target.Kind, ct);
        return mapping is null ? null : await _objects.GetAsync(Addressed(target, mapping), mapping, ct);
    }

    /// <summary>Deletes with background propagation; false when the object (or its kind) did not exist.</summary>
    public async Task<bool> DeleteAsync(ObjectRef target, CancellationToken ct)
    {
        var mapping = await _mapper.FindAsync(target.Group, target.Version, target.Kind, ct);
        return mapping is not null && await _objects.DeleteAsync(Addressed(target, mapping), mapping, ct);
    }

    /// <summary>
    /// Dry-runs every object. Failures that an earlier stage of the same set will cure (its namespace or its CRD is
    /// in the set) are deferred to the object's own stage; any other failure fails the whole set before a write.
    /// </summary>
    private async Task<Dictionary<JsonObject, ObjectPlan>> ValidateAsync(IReadOnlyList<JsonObject> manifests, ApplyOptions options, CancellationToken ct)
    {
        var namespaces = manifests.Select(ObjectRef.Of).Where(o => o is { Group: "", Kind: "Namespace" }).Select(o => o.Name).ToHashSet(StringComparer.Ordinal);
        var definedKinds = manifests.Where(m => ApplyStages.IsCrd(ObjectRef.Of(m))).Select(DefinedKind).ToHashSet();
        var plans = new Dictionary<JsonObject, ObjectPlan>(ReferenceEqualityComparer.Instance);
        var failures = new List<ObjectPlan>();
        foreach (var plan in await PlanAllAsync(manifests, options, ct))
        {
            var manifest = plan.Manifest;
            var deferred = plan.Cause switch
            {
                PlanFailureCause.UnknownKind => definedKinds.Contains((plan.Ref.Group, plan.Ref.Kind)),
                PlanFailureCause.NotFound => namespaces.Contains(plan.Ref.Namespace),
                _ => false,
            };
            if (plan.Action == PlanAction.Failed && !deferred)
            {
                failures.Add(plan);
            }
            else if (!deferred)
            {
                plans[manifest] = plan;
            }
        }

        ThrowOnFailures(failures);
        return plans;
    }

    /// <summary>The plans of one stage: the validation's dry-run where there is one still valid, a fresh one otherwise.</summary>
    private async Task<IReadOnlyList<ObjectPlan>> PlanStageAsync(
        IReadOnlyList<JsonObject> manifests, IReadOnlyDictionary<JsonObject, ObjectPlan>? validated, ApplyOptions options, CancellationToken ct)
    {
        var fresh = (await PlanAllAsync([.. manifests.Where(m => validated?.ContainsKey(m) != true)], options, ct))
            .ToDictionary<ObjectPlan, JsonObject>(p => p.Manifest, ReferenceEqualityComparer.Instance);
        return [.. manifests.Select(m => validated is not null && validated.TryGetValue(m, out var plan) ? plan : fresh[m])];
    }

    /// <summary>Dry-runs objects with up to <see cref="ApplyOptions.Concurrency"/> requests in flight; results keep the input order.</summary>
    private async Task<IReadOnlyList<ObjectPlan>> PlanAllAsync(IReadOnlyList<JsonObject> manifests, ApplyOptions options, CancellationToken ct)
    {
        var plans = new ObjectPlan[manifests.Count];
        await Parallel.ForEachAsync(
            Enumerable.Range(0, manifests.Count),
            new ParallelOptions { MaxDegreeOfParallelism = Math.Max(1, options.Concurrency), CancellationToken = ct },
            async (i, token) => plans[i] = await _planner.PlanAsync(manifests[i], options.Force, token));
        return plans;
    }

    private static void ThrowOnFailures(IEnumerable<ObjectPlan> plans)
    {
        var failures = plans.Where(p => p.Action == PlanAction.Failed).Select(p => new ApplyFailure(p.Ref, p.Failure)).ToList();
        if (failures.Count > 0)
        {
            throw new ApplyException(failures);
        }
    }

    /// <summary>Steps 4–7 of Flux's per-object apply: recreate if allowed, clean metadata, and apply only what drifted.</summary>
    private async Task<ChangeSetEntry> CommitAsync(ObjectPlan plan, ApplyOptions options, CancellationToken ct)
    {
        if (plan.Action == PlanAction.Skip)
        {
            return new ChangeSetEntry(plan.Ref, ChangeAction.Skipped);
        }

        if (plan.Action == PlanAction.Recreate)
        {
            plan = await RecreatePlanAsync(plan, options, ct);
        }

        if (plan is not { Mapping: { } mapping, DryRun: { } dryRun })
        {
            throw new InvalidOperationException($"{plan.Ref.Subject}: a plan to apply carries its mapping and dry-run");
        }

        try
        {
            var operations = plan.Existing is not null && !_selectors.IsMerge(plan.Manifest) ? _cleanup.Patch(plan.Existing) : [];
            if (operations.Count > 0)
            {
                await _objects.JsonPatchAsync(plan.Ref, mapping, operations, ct);
            }
            else if (!DriftDetector.HasDrifted(plan.Existing, dryRun))
            {
                return new ChangeSetEntry(plan.Ref, ChangeAction.Unchanged);
            }

            await _objects.ApplyAsync(plan.Ref, mapping, plan.Manifest, dryRun: false, ct);
        }
        catch (ApiCallException e)
        {
            throw new ApplyException([new ApplyFailure(plan.Ref, "apply failed: " + e.Error.Message)]);
        }

        return new ChangeSetEntry(plan.Ref, DriftDetector.WouldCreate(dryRun) ? ChangeAction.Created : ChangeAction.Configured);
    }

    /// <summary>Deletes an object whose immutable fields changed, waits until it is gone, and dry-runs it anew.</summary>
    private async Task<ObjectPlan> RecreatePlanAsync(ObjectPlan plan, ApplyOptions options, CancellationToken ct)
    {
        try
        {
            await _objects.DeleteAsync(plan.Ref, plan.Mapping ?? throw new InvalidOperationException($"{plan.Ref.Subject}: a plan to recreate carries its mapping"), ct);
        }
        catch (ApiCallException e)
        {
            throw new ApplyException([new ApplyFailure(plan.Ref, "delete for recreation failed: " + e.Error.Message)]);
        }

        await WaitGoneAsync(plan.Ref, options, ct);
        var fresh = await _planner.PlanAsync(plan.Manifest, force: false, ct);
        return fresh.Action == PlanAction.Apply ? fresh : throw new ApplyException([new ApplyFailure(plan.Ref, fresh.Failure)]);
    }

    private async Task WaitGoneAsync(ObjectRef o, ApplyOptions options, CancellationToken ct)
    {
        var deadline = _clock.GetUtcNow() + options.WaitTimeout;
        while (await StatusAsync(o, ct) != HealthStatus.NotFound)
        {
            if (_clock.GetUtcNow() >= deadline)
            {
                throw new ApplyException([new ApplyFailure(o, "recreation failed: timeout waiting for the deletion")]);
            }

            await Task.Delay(options.WaitInterval, _clock, ct);
        }
    }

    /// <summary>Polls until every object is Current; a timeout names the objects still pending, as Flux's WaitForSet does.</summary>
    private async Task WaitCurrentAsync(IReadOnlyList<ObjectRef> waitFor, ApplyOptions options, CancellationToken ct)
    {
        var deadline = _clock.GetUtcNow() + options.WaitTimeout;
        while (true)
        {
            var pending = new List<string>();
            foreach (var o in waitFor)
            {
                var status = await StatusAsync(o, ct);
                if (status != HealthStatus.Current)
                {
                    pending.Add($"{o.Subject} status: '{status}'");
                }
            }

            if (pending.Count == 0)
            {
                return;
            }

            if (_clock.GetUtcNow() >= deadline)
            {
                throw new ApplyException($"timeout waiting for: [{string.Join(", ", pending)}]");
            }

            await Task.Delay(options.WaitInterval, _clock, ct);
        }
    }

    /// <summary>kstatus of one live object for a wait; a read the API server refuses is Unknown, as in Flux's poller.</summary>
    private async Task<HealthStatus> StatusAsync(ObjectRef o, CancellationToken ct)
    {
        try
        {
            var live = await GetAsync(o, ct);
            return live is null ? HealthStatus.NotFound : _health(live);
        }
        catch (ApiCallException)
        {
            return HealthStatus.Unknown;
        }
    }

    /// <summary>Flux's prune of one object; a request the API server refuses leaves it <see cref="ChangeAction.Unknown"/> with the reason.</summary>
    private async Task<(ChangeAction Action, string? Error)> PruneAsync(ObjectRef o, PruneOptions options, CancellationToken ct)
    {
        JsonObject? existing;
        RestMapping? mapping;
        try
        {
            mapping = await _mapper.FindAsync(o.Group, o.Version, o.Kind, ct);

            // A kind that is no longer served (its CRD was deleted) took its objects with it.
            existing = mapping is null ? null : await _objects.GetAsync(Addressed(o, mapping), mapping, ct);
        }
        catch (ApiCallException e)
        {
            return (ChangeAction.Unknown, $"{o.Subject} query failed: {e.Error.Message}");
        }

        if (mapping is null || existing is null)
        {
            return (ChangeAction.Deleted, null);
        }

        if (!HasLabels(existing, options.OwnerLabels) || _selectors.IsPruneExcluded(existing))
        {
            return (ChangeAction.Skipped, null);
        }

        try
        {
            await _objects.DeleteAsync(Addressed(o, mapping), mapping, ct);
            return (ChangeAction.Deleted, null);
        }
        catch (ApiCallException e)
        {
            return (ChangeAction.Unknown, $"{o.Subject} delete failed: {e.Error.Message}");
        }
    }

    private static ObjectRef Addressed(ObjectRef o, RestMapping mapping) => mapping.Namespaced ? o : o with { Namespace = "" };

    private static bool HasLabels(JsonObject live, IReadOnlyDictionary<string, string> labels) =>
        labels.All(l => live["metadata"]?["labels"]?[l.Key] is JsonValue v && v.TryGetValue<string>(out var text) && text == l.Value);

    private static (string Group, string Kind) DefinedKind(JsonObject crd) =>
        (crd["spec"]?["group"]?.GetValue<string>() ?? "", crd["spec"]?["names"]?["kind"]?.GetValue<string>() ?? "");

    /// <summary>A copy of the manifest carrying the owner labels.</summary>
    private static JsonObject WithLabels(JsonObject manifest, IReadOnlyDictionary<string, string> labels)
    {
        var copy = (JsonObject)manifest.DeepClone();
        if (labels.Count == 0)
        {
            return copy;
        }

        if (copy["metadata"] is not JsonObject metadata)
        {
            copy["metadata"] = metadata = [];
        }

        if (metadata["labels"] is not JsonObject existing)
        {
            metadata["labels"] = existing = [];
        }

        foreach (var (key, value) in labels)
        {
            existing[key] = value;
        }

        return copy;
    }
}

using System.Text.Json.Nodes;

namespace Fleet.Actors.Apply;

/// <summary>
/// Steps 1–4 of Flux's per-object apply, which write nothing: map the kind, read the live object, honour the
/// exclusion and IfNotPresent markers, and dry-run the server-side apply. The live object is read only when one
/// exists (or the marker needs to know): see <see cref="PlanAsync"/>.
/// </summary>
internal sealed class ObjectPlanner(RestMapper mapper, ObjectClient objects, AnnotationSelectors selectors)
{
    public async Task<ObjectPlan> PlanAsync(JsonObject manifest, bool force, CancellationToken cancellationToken)
    {
        var declared = ObjectRef.Of(manifest);
        if (declared.Name.Length == 0)
        {
            return ObjectPlan.Failed(declared, manifest, PlanFailureCause.Other, "dry-run failed: name is required");
        }

        RestMapping? mapping;
        try
        {
            mapping = await mapper.FindAsync(declared.Group, declared.Version, declared.Kind, cancellationToken);
        }
        catch (ApiCallException e)
        {
            return ObjectPlan.Failed(declared, manifest, PlanFailureCause.Other, "dry-run failed: " + e.Error.Message);
        }

        if (mapping is null)
        {
            return ObjectPlan.Failed(declared, manifest, PlanFailureCause.UnknownKind, $"dry-run failed: no matches for kind \"{declared.Kind}\" in version \"{declared.ApiVersion}\"");
        }

        // A cluster-scoped object is addressed without a namespace whatever its manifest says.
        var o = mapping.Namespaced ? declared : declared with { Namespace = "" };
        if (mapping.Namespaced && o.Namespace.Length == 0)
        {
            return ObjectPlan.Failed(o, manifest, PlanFailureCause.Other, "dry-run failed: namespace not specified");
        }

        var plan = new ObjectPlan(o, manifest, PlanAction.Skip) { Mapping = mapping };
        if (selectors.IsExcluded(manifest))
        {
            return plan;
        }

        if (selectors.IsIfNotPresent(manifest))
        {
            var live = await ExistingAsync(o, mapping, cancellationToken);
            return live is not null ? plan with { Existing = live } : Judge(plan, await DryRunAsync(o, mapping, manifest, cancellationToken), force);
        }

        // Dry-run first: a would-be create (no resourceVersion) proves there is no live object to read, which
        // spares a cold apply one GET per object. Anything else needs the live object, as when it was read first.
        var dryRun = await DryRunAsync(o, mapping, manifest, cancellationToken);
        if (dryRun.Result is { } result && DriftDetector.WouldCreate(result))
        {
            return plan with { Action = PlanAction.Apply, DryRun = result };
        }

        var existing = await ExistingAsync(o, mapping, cancellationToken);
        return selectors.IsExcluded(existing) ? plan with { Existing = existing } : Judge(plan with { Existing = existing }, dryRun, force);
    }

    /// <summary>The plan a dry-run's outcome makes of <paramref name="plan"/>, which carries the live object when there is one.</summary>
    private ObjectPlan Judge(ObjectPlan plan, DryRunOutcome dryRun, bool force)
    {
        if (dryRun.Result is { } result)
        {
            return plan with { Action = PlanAction.Apply, DryRun = result };
        }

        var error = dryRun.Error!;
        if (plan.Existing is not null && error.IsImmutable && (force || selectors.IsForce(plan.Manifest)))
        {
            return plan with { Action = PlanAction.Recreate };
        }

        var cause = error.IsNotFound ? PlanFailureCause.NotFound : PlanFailureCause.Other;
        return plan with { Action = PlanAction.Failed, Cause = cause, Failure = DryRunFailure(error) };
    }

    /// <summary>fluxcd/pkg/ssa's DryRunErr text after the object's name: <c>not found: …</c>, else <c>dry-run failed (Reason): …</c>.</summary>
    private static string DryRunFailure(ApiError error) =>
        error.IsNotFound ? "not found: " + error.Message
        : error.Reason.Length > 0 ? $"dry-run failed ({error.Reason}): {error.Message}"
        : "dry-run failed: " + error.Message;

    private async Task<DryRunOutcome> DryRunAsync(ObjectRef o, RestMapping mapping, JsonObject manifest, CancellationToken cancellationToken)
    {
        try
        {
            return new DryRunOutcome(await objects.ApplyAsync(o, mapping, manifest, dryRun: true, cancellationToken), null);
        }
        catch (ApiCallException e)
        {
            return new DryRunOutcome(null, e.Error);
        }
    }

    /// <summary>The live object; a failed read counts as absent, as in Flux, and the dry-run reports the real problem.</summary>
    private async Task<JsonObject?> ExistingAsync(ObjectRef o, RestMapping mapping, CancellationToken cancellationToken)
    {
        try
        {
            return await objects.GetAsync(o, mapping, cancellationToken);
        }
        catch (ApiCallException)
        {
            return null;
        }
    }

    /// <summary>What the API server answered a dry-run apply: the would-be object, or why it refused.</summary>
    private sealed record DryRunOutcome(JsonObject? Result, ApiError? Error);
}

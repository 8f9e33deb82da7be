using System.Text.Json.Nodes;

namespace Fleet.Actors.Apply;

/// <summary>
/// Steps 1–4 of Flux's per-object apply, which write nothing: map the kind, read the live object, honour the
/// exclusion and IfNotPresent markers, and dry-run the server-side apply.
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

        var existing = await ExistingAsync(o, mapping, cancellationToken);
        var plan = new ObjectPlan(o, manifest, PlanAction.Skip) { Mapping = mapping, Existing = existing };
        if (selectors.IsExcluded(manifest) || selectors.IsExcluded(existing) || (existing is not null && selectors.IsIfNotPresent(manifest)))
        {
            return plan;
        }

        try
        {
            var dryRun = await objects.ApplyAsync(o, mapping, manifest, dryRun: true, cancellationToken);
            return plan with { Action = PlanAction.Apply, DryRun = dryRun };
        }
        catch (ApiCallException e) when (existing is not null && e.Error.IsImmutable && (force || selectors.IsForce(manifest)))
        {
            return plan with { Action = PlanAction.Recreate };
        }
        catch (ApiCallException e)
        {
            var cause = e.Error.IsNotFound ? PlanFailureCause.NotFound : PlanFailureCause.Other;
            return ObjectPlan.Failed(o, manifest, cause, "dry-run failed: " + e.Error.Message) with { Mapping = mapping, Existing = existing };
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
}

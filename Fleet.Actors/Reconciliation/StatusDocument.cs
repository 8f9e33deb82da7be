using System.Text.Json.Nodes;
using Fleet.Messages.Api;
using Fleet.Messages.Entities;

namespace Fleet.Actors.Reconciliation;

/// <summary>
/// The status an entity writes: the fields the runtime owns for every kind (observedGeneration, conditions,
/// lastHandledReconcileAt) and the fields its kind reported (artifact, ...), and the patch that brings the live status to them.
/// </summary>
public static class StatusDocument
{
    public static JsonObject From(EntityState state)
    {
        var status = state.KindStatusJson is { } kind ? JsonNode.Parse(kind)!.AsObject() : new JsonObject();
        status["observedGeneration"] = state.ObservedGeneration;
        status["conditions"] = FleetJson.SerializeToNode(state.Conditions.ToList());
        if (state.LastHandledReconcileAt is not null)
        {
            status["lastHandledReconcileAt"] = state.LastHandledReconcileAt;
        }
        return status;
    }

    /// <summary>
    /// The merge patch from the live status to <see cref="From"/>, or null when it already holds. Once a kind
    /// reports its fields the entity owns the whole status, so a field the kind no longer reports is removed;
    /// before that, fields the runtime does not own are left alone.
    /// </summary>
    public static JsonObject? PatchFrom(JsonObject liveObject, EntityState state)
    {
        var desired = From(state);
        var live = liveObject["status"] as JsonObject;
        var owned = new JsonObject();
        foreach (var (name, value) in live ?? [])
        {
            if (state.KindStatusJson is not null || desired.ContainsKey(name))
            {
                owned[name] = value?.DeepClone();
            }
        }
        return Kube.JsonMergeDiff.Create(owned, desired);
    }

    /// <summary>
    /// <paramref name="liveObject"/> as it is once the status merge <paramref name="patch"/> was applied: how the entity sees
    /// its object after its own write, whether or not the watch has delivered it yet.
    /// </summary>
    public static JsonObject WithStatusPatch(JsonObject liveObject, JsonObject patch)
    {
        var patched = liveObject.DeepClone().AsObject();
        patched["status"] = Merge(patched["status"] as JsonObject ?? [], patch);
        return patched;
    }

    private static JsonObject Merge(JsonObject target, JsonObject patch)
    {
        foreach (var (name, value) in patch)
        {
            if (value is null)
            {
                target.Remove(name);
            }
            else if (value is JsonObject inner && target[name] is JsonObject existing)
            {
                Merge(existing, inner);
            }
            else
            {
                target[name] = value.DeepClone();
            }
        }
        return target;
    }
}

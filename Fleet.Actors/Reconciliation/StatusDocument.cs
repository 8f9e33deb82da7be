using System.Text.Json.Nodes;
using Fleet.Messages.Api;
using Fleet.Messages.Entities;

namespace Fleet.Actors.Reconciliation;

/// <summary>The status fields the entity runtime owns for every kind, and the patch that brings the live status to them.</summary>
public static class StatusDocument
{
    public static JsonObject From(EntityState state)
    {
        var status = new JsonObject
        {
            ["observedGeneration"] = state.ObservedGeneration,
            ["conditions"] = FleetJson.SerializeToNode(state.Conditions.ToList()),
        };
        if (state.LastHandledReconcileAt is not null)
        {
            status["lastHandledReconcileAt"] = state.LastHandledReconcileAt;
        }
        return status;
    }

    /// <summary>
    /// The merge patch from the live status to the runtime's fields, or null when they already hold.
    /// Fields the runtime does not own (a kind's artifact, inventory) are left alone.
    /// </summary>
    public static JsonObject? PatchFrom(JsonObject liveObject, EntityState state)
    {
        var desired = From(state);
        var live = liveObject["status"] as JsonObject;
        var owned = new JsonObject();
        foreach (var (name, value) in live ?? [])
        {
            if (desired.ContainsKey(name))
            {
                owned[name] = value?.DeepClone();
            }
        }
        return Kube.JsonMergeDiff.Create(owned, desired);
    }
}

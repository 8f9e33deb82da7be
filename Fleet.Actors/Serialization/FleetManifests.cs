using Fleet.Messages.Entities;

namespace Fleet.Actors.Serialization;

/// <summary>
/// The stable, versioned manifest of every type Fleet serializes. A manifest names a wire and journal
/// format, never a CLR type, so types can be renamed or moved without breaking stored events.
/// A format change gets a new manifest (<c>.v2</c>) while the old one stays readable.
/// </summary>
public static class FleetManifests
{
    private static readonly Dictionary<Type, string> ManifestsByType = new()
    {
        [typeof(EntityCommands.ObserveObject)] = "observe-object.v1",
        [typeof(EntityCommands.ForgetObject)] = "forget-object.v1",
        [typeof(EntityCommands.RequestReconcile)] = "request-reconcile.v1",
        [typeof(EntityCommands.Subscribe)] = "subscribe.v1",
        [typeof(EntityCommands.Unsubscribe)] = "unsubscribe.v1",
        [typeof(EntityCommands.ArtifactPublished)] = "artifact-published.v1",
        [typeof(EntityQueries.GetEntityState)] = "get-entity-state.v1",
        [typeof(EntityQueries.EntityStateReply)] = "entity-state-reply.v1",
        [typeof(EntityEvents.ObjectObserved)] = "object-observed.v1",
        [typeof(EntityEvents.ReconcileFinished)] = "reconcile-finished.v1",
        [typeof(EntityEvents.ObjectRemoved)] = "object-removed.v1",
        [typeof(EntityEvents.SubscriberAdded)] = "subscriber-added.v1",
        [typeof(EntityEvents.SubscriberRemoved)] = "subscriber-removed.v1",
        [typeof(EntityEvents.AlertsPending)] = "alerts-pending.v1",
        [typeof(EntityEvents.AlertDelivered)] = "alert-delivered.v1",
        [typeof(EntityState)] = "entity-state.v1",
    };

    private static readonly Dictionary<string, Type> TypesByManifest = ManifestsByType.ToDictionary(p => p.Value, p => p.Key);

    public static IReadOnlyCollection<Type> Types => ManifestsByType.Keys;

    public static string ManifestOf(Type type) =>
        ManifestsByType.TryGetValue(type, out var manifest)
            ? manifest
            : throw new ArgumentException($"{type.FullName} has no serialization manifest; add one to {nameof(FleetManifests)}");

    public static Type TypeOf(string manifest) =>
        TypesByManifest.TryGetValue(manifest, out var type)
            ? type
            : throw new System.Runtime.Serialization.SerializationException($"unknown manifest \"{manifest}\"");
}

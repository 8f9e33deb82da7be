using Fleet.Messages.Api.Meta;

namespace Fleet.Messages.Entities;

/// <summary>What an entity persists: the object it was told about and the outcomes of its reconciles.</summary>
public static class EntityEvents
{
    /// <summary>A new incarnation, generation, reconcile request or suspension of the object was observed.</summary>
    public sealed record ObjectObserved(string ObjectJson, string? Uid, long Generation, string? RequestedAt, DateTime At) : IEntityEvent;

    /// <summary>
    /// A reconcile finished; <paramref name="Conditions"/> are the object's status conditions after it and
    /// <paramref name="StatusJson"/> the kind's own status fields as a JSON object, null when the run reported none.
    /// </summary>
    public sealed record ReconcileFinished(
        long Generation,
        string? HandledRequestedAt,
        ReconcileOutcome Outcome,
        string Reason,
        string Message,
        string? Revision,
        IReadOnlyList<Condition> Conditions,
        DateTime At,
        string? StatusJson = null) : IEntityEvent;

    /// <summary>The object was deleted from the API; the entity stops.</summary>
    public sealed record ObjectRemoved(DateTime At) : IEntityEvent;

    /// <summary>An object subscribed to this source's new revisions.</summary>
    public sealed record SubscriberAdded(ObjectKey Subscriber) : IEntityEvent;

    /// <summary>An object stopped following this source.</summary>
    public sealed record SubscriberRemoved(ObjectKey Subscriber) : IEntityEvent;

    /// <summary>
    /// Events the object produced that Alerts accepted, persisted before delivery so that a node's death does not lose them;
    /// the entity delivers them again wherever it starts next.
    /// </summary>
    public sealed record AlertsPending(IReadOnlyList<PendingAlert> Alerts) : IEntityEvent;

    /// <summary>The pending alert <paramref name="Id"/> was delivered (or given up on, which the node logged).</summary>
    public sealed record AlertDelivered(string Id) : IEntityEvent;
}

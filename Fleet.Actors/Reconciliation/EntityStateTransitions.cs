using Fleet.Messages.Entities;

namespace Fleet.Actors.Reconciliation;

/// <summary>How each persisted event changes an entity's state; the same code runs live and on recovery.</summary>
public static class EntityStateTransitions
{
    public static EntityState Apply(this EntityState state, IEntityEvent @event) => @event switch
    {
        EntityEvents.ObjectObserved e when e.Uid != state.Uid => EntityState.Empty with
        {
            ObjectJson = e.ObjectJson,
            Uid = e.Uid,
            Generation = e.Generation,
            RequestedAt = e.RequestedAt,
            Subscribers = state.Subscribers,
            PendingAlerts = state.PendingAlerts,
        },
        EntityEvents.ObjectObserved e => state with
        {
            ObjectJson = e.ObjectJson,
            Generation = e.Generation,
            RequestedAt = e.RequestedAt,
            Removed = false,
        },
        EntityEvents.ReconcileFinished e => state with
        {
            ObservedGeneration = FluxConditionRules.ObservesGeneration(e.Outcome) ? e.Generation : state.ObservedGeneration,
            LastHandledReconcileAt = e.HandledRequestedAt ?? state.LastHandledReconcileAt,
            Conditions = [.. e.Conditions],
            KindStatusJson = e.StatusJson ?? state.KindStatusJson,
            LastOutcome = e.Outcome,
            LastRevision = e.Revision ?? state.LastRevision,
            ConsecutiveFailures = e.Outcome == ReconcileOutcome.Succeeded ? 0 : state.ConsecutiveFailures + 1,
            ReconcileCount = state.ReconcileCount + 1,
            LastReconcileAt = e.At,
        },
        EntityEvents.ObjectRemoved => state with { Removed = true },
        EntityEvents.SubscriberAdded e => state.Subscribers.Contains(e.Subscriber) ? state : state with { Subscribers = state.Subscribers.Add(e.Subscriber) },
        EntityEvents.SubscriberRemoved e => state with { Subscribers = state.Subscribers.Remove(e.Subscriber) },
        EntityEvents.AlertsPending e => state with { PendingAlerts = state.PendingAlerts.AddRange(e.Alerts) },
        EntityEvents.AlertDelivered e => state with { PendingAlerts = state.PendingAlerts.RemoveAll(p => p.Id == e.Id) },
        _ => throw new ArgumentException($"unknown entity event {@event.GetType().Name}", nameof(@event)),
    };
}

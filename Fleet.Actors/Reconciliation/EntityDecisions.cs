using Fleet.Actors.Kube;
using Fleet.Messages.Entities;

namespace Fleet.Actors.Reconciliation;

/// <summary>The decisions an entity takes, as plain functions of its state.</summary>
public static class EntityDecisions
{
    /// <summary>
    /// The event to persist for an observed object, or null when nothing that matters changed
    /// (a status-only update, or a label edit that does not bump the generation).
    /// </summary>
    public static EntityEvents.ObjectObserved? Observe(EntityState state, ObjectFacts facts, string objectJson, DateTime now)
    {
        var changed = state.ObjectJson is null
            || state.Removed
            || facts.Uid != state.Uid
            || facts.Generation != state.Generation
            || facts.RequestedAt != state.RequestedAt;
        return changed ? new EntityEvents.ObjectObserved(objectJson, facts.Uid, facts.Generation, facts.RequestedAt, now) : null;
    }

    /// <summary>
    /// Whether an observation calls for a reconcile now: as in Flux, a generation not yet settled, or a
    /// <c>reconcile.fluxcd.io/requestedAt</c> value not yet handled. A suspended object never reconciles.
    /// </summary>
    public static bool NeedsReconcile(EntityState state, ObjectFacts facts) =>
        !facts.Suspended
        && (facts.Generation != state.ObservedGeneration
            || (facts.RequestedAt is not null && facts.RequestedAt != state.LastHandledReconcileAt));

    /// <summary>
    /// Whether a run starting now has work to do, so the entity marks the object Reconciling first: an observation that
    /// calls for one (<see cref="NeedsReconcile"/>), an upstream's new revision, or an object not Ready. A periodic run of
    /// an unchanged, Ready object has none and writes nothing.
    /// </summary>
    public static bool HasWorkToDo(EntityState state, ObjectFacts facts, bool upstreamNews) =>
        upstreamNews
        || NeedsReconcile(state, facts)
        || !state.Conditions.Any(c => c is { Type: Messages.Api.Meta.ConditionTypes.Ready, Status: Messages.Api.Meta.ConditionStatus.True });

    /// <summary>
    /// The event recording a finished reconcile of <paramref name="request"/>. A run that first wrote Reconciling
    /// (<paramref name="markedProgressing"/>) ends from Progressing, as in Flux, so Ready's transition time is this run's
    /// even when its message is the last one's.
    /// </summary>
    public static EntityEvents.ReconcileFinished Finish(
        EntityState state, ReconcileRequest request, ReconcileResult result, DateTime now, bool markedProgressing = false) =>
        new(
            request.Generation,
            request.RequestedAt,
            result.Outcome,
            result.Reason,
            result.Message,
            result.Revision,
            FluxConditionRules.Finished(
                markedProgressing ? FluxConditionRules.Progressing(state.Conditions, request.Generation, now) : state.Conditions,
                result.Outcome,
                result.Reason,
                result.Message,
                request.Generation,
                now,
                result.Conditions),
            now,
            result.Status?.ToJsonString());

    /// <summary>
    /// Whether subscribers should hear of a finished run: a success at a new revision, or a success after a
    /// failure (a dependency that becomes Ready again at the same revision unblocks its dependents).
    /// </summary>
    public static bool IsNewsForSubscribers(EntityState before, EntityState after) =>
        after.LastOutcome == ReconcileOutcome.Succeeded
        && (after.LastRevision != before.LastRevision || before.LastOutcome != ReconcileOutcome.Succeeded);

    /// <summary>
    /// Whether a finished reconcile changed anything worth a journal write: an unchanged success on every
    /// interval is kept in memory only, so an idle fleet does not grow its journal.
    /// </summary>
    public static bool IsWorthPersisting(EntityState before, EntityState after) =>
        before.ObservedGeneration != after.ObservedGeneration
        || before.LastHandledReconcileAt != after.LastHandledReconcileAt
        || before.LastOutcome != after.LastOutcome
        || before.LastRevision != after.LastRevision
        || before.KindStatusJson != after.KindStatusJson
        || before.ConsecutiveFailures != after.ConsecutiveFailures
        || !before.Conditions.Select(c => (c.Type, c.Status, c.Reason, c.Message))
            .SequenceEqual(after.Conditions.Select(c => (c.Type, c.Status, c.Reason, c.Message)));

    /// <summary>
    /// The Kubernetes Event a finished run records, if any: a Normal event when a success reached a new
    /// revision and the kind names one; when a run fails anew (the first failure, or a different message), an
    /// event of the run's <see cref="ReconcileResult.FailureEventType"/>, so a failing object does not repeat it every retry.
    /// </summary>
    public static ObjectEvent? EventFor(EntityState before, ReconcileResult result)
    {
        if (result.Outcome == ReconcileOutcome.Succeeded)
        {
            return result.RevisionEventReason is { } reason && result.Revision is { } revision && revision != before.LastRevision
                ? new ObjectEvent(ObjectEvent.Normal, reason, result.Message)
                : null;
        }
        var ready = before.Conditions.FirstOrDefault(c => c.Type == Messages.Api.Meta.ConditionTypes.Ready);
        var repeated = before.LastOutcome == result.Outcome && ready?.Reason == result.Reason && ready.Message == result.Message;
        return repeated || result.FailureEventType is not { } type ? null : new ObjectEvent(type, result.Reason, result.Message);
    }
}

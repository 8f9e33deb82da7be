using Fleet.Actors.Reconciliation;
using Fleet.Messages.Api.Meta;
using Fleet.Messages.Entities;

namespace Fleet.Tests.Reconciliation;

/// <summary>What an entity remembers after each persisted event, live and on recovery.</summary>
public class EntityStateTransitionsTests
{
    private static readonly DateTime T0 = new(2026, 1, 1, 10, 0, 0, DateTimeKind.Utc);

    private static readonly Condition ReadyFalse = new()
    {
        Type = ConditionTypes.Ready,
        Status = ConditionStatus.False,
        Reason = "BuildFailed",
        Message = "boom",
        ObservedGeneration = 3,
        LastTransitionTime = T0,
    };

    /// <summary>An entity that has seen generation 3 of uid-1 fail twice after settling generation 2.</summary>
    private static readonly EntityState Worn = EntityState.Empty with
    {
        ObjectJson = "{\"old\":true}",
        Uid = "uid-1",
        Generation = 3,
        RequestedAt = "r1",
        Removed = true,
        ObservedGeneration = 2,
        LastHandledReconcileAt = "r1",
        Conditions = [ReadyFalse],
        LastOutcome = ReconcileOutcome.Failed,
        LastRevision = "main@sha1:abc",
        ConsecutiveFailures = 2,
        ReconcileCount = 7,
        LastReconcileAt = T0,
    };

    [Fact]
    public void AFreshEntityHasNotObservedAnyGeneration()
    {
        Assert.Equal(-1, EntityState.Empty.ObservedGeneration);
        Assert.Null(EntityState.Empty.ObjectJson);
        Assert.Empty(EntityState.Empty.Conditions);
    }

    [Fact]
    public void FirstObservationRecordsTheObject()
    {
        var state = EntityState.Empty.Apply(new EntityEvents.ObjectObserved("{\"a\":1}", "uid-1", 4, "r1", T0));

        Assert.Equal(
            EntityState.Empty with { ObjectJson = "{\"a\":1}", Uid = "uid-1", Generation = 4, RequestedAt = "r1" },
            state);
    }

    [Fact]
    public void ANewUidStartsFromScratch()
    {
        var state = Worn.Apply(new EntityEvents.ObjectObserved("{\"new\":true}", "uid-2", 1, null, T0.AddHours(1)));

        Assert.Equal(
            EntityState.Empty with { ObjectJson = "{\"new\":true}", Uid = "uid-2", Generation = 1 },
            state);
    }

    [Fact]
    public void TheSameUidKeepsWhatTheEntityLearnedAndRevivesARemovedObject()
    {
        var state = Worn.Apply(new EntityEvents.ObjectObserved("{\"next\":true}", "uid-1", 4, "r2", T0.AddHours(1)));

        Assert.Equal(
            Worn with { ObjectJson = "{\"next\":true}", Generation = 4, RequestedAt = "r2", Removed = false },
            state);
    }

    [Fact]
    public void ASuccessSettlesTheGenerationAndClearsFailures()
    {
        var at = T0.AddMinutes(5);
        var conditions = new[] { ReadyFalse with { Status = ConditionStatus.True, Reason = "Succeeded", Message = "ok" } };

        var state = Worn.Apply(new EntityEvents.ReconcileFinished(3, "r2", ReconcileOutcome.Succeeded, "Succeeded", "ok", "main@sha1:def", conditions, at));

        Assert.Equal(3, state.ObservedGeneration);
        Assert.Equal("r2", state.LastHandledReconcileAt);
        Assert.Equal(conditions, state.Conditions);
        Assert.Equal(ReconcileOutcome.Succeeded, state.LastOutcome);
        Assert.Equal("main@sha1:def", state.LastRevision);
        Assert.Equal(0, state.ConsecutiveFailures);
        Assert.Equal(8, state.ReconcileCount);
        Assert.Equal(at, state.LastReconcileAt);
    }

    [Fact]
    public void AFailureLeavesTheGenerationUnsettledAndCountsTheFailure()
    {
        var state = Worn.Apply(new EntityEvents.ReconcileFinished(3, null, ReconcileOutcome.Failed, "BuildFailed", "boom", null, [ReadyFalse], T0));

        Assert.Equal(2, state.ObservedGeneration);
        Assert.Equal(3, state.ConsecutiveFailures);
        Assert.Equal(ReconcileOutcome.Failed, state.LastOutcome);
        Assert.Equal("main@sha1:abc", state.LastRevision);
        Assert.Equal("r1", state.LastHandledReconcileAt);
    }

    [Fact]
    public void AFailedRunStillHandlesTheRequestItWasStartedFor()
    {
        var state = Worn.Apply(new EntityEvents.ReconcileFinished(3, "r2", ReconcileOutcome.Failed, "BuildFailed", "boom", null, [ReadyFalse], T0));

        Assert.Equal("r2", state.LastHandledReconcileAt);
    }

    [Fact]
    public void ARunWithoutKindStatusKeepsTheLastOne()
    {
        var artifact = """{"artifact":{"revision":"main@sha1:abc"}}""";
        var succeeded = Worn.Apply(new EntityEvents.ReconcileFinished(3, null, ReconcileOutcome.Succeeded, "Succeeded", "ok", "main@sha1:abc", [ReadyFalse], T0, artifact));
        var failed = succeeded.Apply(new EntityEvents.ReconcileFinished(3, null, ReconcileOutcome.Failed, "GitOperationFailed", "boom", null, [ReadyFalse], T0));

        Assert.Equal(artifact, failed.KindStatusJson);
    }

    [Fact]
    public void AStallSettlesTheGenerationAndCountsAsAFailure()
    {
        var state = Worn.Apply(new EntityEvents.ReconcileFinished(3, null, ReconcileOutcome.Stalled, "InvalidURL", "bad url", null, [ReadyFalse], T0));

        Assert.Equal(3, state.ObservedGeneration);
        Assert.Equal(3, state.ConsecutiveFailures);
        Assert.Equal(ReconcileOutcome.Stalled, state.LastOutcome);
    }

    [Fact]
    public void RemovalMarksTheObjectGoneAndKeepsTheRest()
    {
        var live = Worn with { Removed = false };

        Assert.Equal(live with { Removed = true }, live.Apply(new EntityEvents.ObjectRemoved(T0)));
    }

    [Fact]
    public void AnUnknownEventIsRejected()
    {
        Assert.Throws<ArgumentException>(() => Worn.Apply(new UnknownEvent()));
    }

    private sealed record UnknownEvent : IEntityEvent;

    [Fact]
    public void SubscribersAreAddedOnceRemovedAndOutliveANewIncarnationOfTheObject()
    {
        var apps = new Fleet.Messages.ObjectKey("Kustomization", "flux-system", "apps");
        var infra = new Fleet.Messages.ObjectKey("Kustomization", "flux-system", "infra");

        var state = Worn
            .Apply(new EntityEvents.SubscriberAdded(apps))
            .Apply(new EntityEvents.SubscriberAdded(apps))
            .Apply(new EntityEvents.SubscriberAdded(infra));
        Assert.Equal([apps, infra], state.Subscribers);

        var recreated = state.Apply(new EntityEvents.ObjectObserved("{}", "uid-2", 1, null, T0));
        Assert.Equal([apps, infra], recreated.Subscribers);
        Assert.Null(recreated.LastRevision);

        Assert.Equal([infra], recreated.Apply(new EntityEvents.SubscriberRemoved(apps)).Subscribers);
    }
}

using System.Text.Json.Nodes;
using Fleet.Actors.Reconciliation;
using Fleet.Messages;
using Fleet.Messages.Api.Meta;
using Fleet.Messages.Entities;
using Fleet.Tests.Support;

namespace Fleet.Tests.Reconciliation;

/// <summary>When an entity records an observation, when it reconciles, and what it writes to its journal.</summary>
public class EntityDecisionsTests
{
    private static readonly DateTime T0 = new(2026, 1, 1, 10, 0, 0, DateTimeKind.Utc);
    private static readonly ObjectKey Key = new("GitRepository", "flux-system", "podinfo");

    [Fact]
    public void TheFirstObservationIsRecorded()
    {
        var json = TestObjects.GitRepository("flux-system", "podinfo", generation: 2, requestedAt: "r1");

        var observed = EntityDecisions.Observe(EntityState.Empty, Facts(json), json, T0);

        Assert.Equal(new EntityEvents.ObjectObserved(json, "uid-1", 2, "r1", T0), observed);
    }

    [Fact]
    public void AStatusOnlyUpdateIsNotRecorded()
    {
        var state = Observed(TestObjects.GitRepository("flux-system", "podinfo", generation: 2));
        var statusUpdate = TestObjects.GitRepository("flux-system", "podinfo", generation: 2, statusMessage: "Stored artifact");

        Assert.Null(EntityDecisions.Observe(state, Facts(statusUpdate), statusUpdate, T0));
    }

    [Fact]
    public void AnEditWithoutANewGenerationIsNotRecorded()
    {
        var state = Observed(TestObjects.GitRepository("flux-system", "podinfo", generation: 2));
        var relabelled = JsonNode.Parse(TestObjects.GitRepository("flux-system", "podinfo", generation: 2))!;
        relabelled["metadata"]!["labels"] = new JsonObject { ["team"] = "web" };
        var json = relabelled.ToJsonString();

        Assert.Null(EntityDecisions.Observe(state, Facts(json), json, T0));
    }

    [Theory]
    [InlineData(3, null, "uid-1")]
    [InlineData(2, "r1", "uid-1")]
    [InlineData(2, null, "uid-2")]
    public void ANewGenerationRequestOrIncarnationIsRecorded(long generation, string? requestedAt, string uid)
    {
        var state = Observed(TestObjects.GitRepository("flux-system", "podinfo", generation: 2));
        var json = TestObjects.GitRepository("flux-system", "podinfo", generation: generation, requestedAt: requestedAt, uid: uid);

        var observed = EntityDecisions.Observe(state, Facts(json), json, T0);

        Assert.Equal(new EntityEvents.ObjectObserved(json, uid, generation, requestedAt, T0), observed);
    }

    [Fact]
    public void ARemovedRequestAnnotationIsRecorded()
    {
        var state = Observed(TestObjects.GitRepository("flux-system", "podinfo", generation: 2, requestedAt: "r1"));
        var json = TestObjects.GitRepository("flux-system", "podinfo", generation: 2);

        Assert.NotNull(EntityDecisions.Observe(state, Facts(json), json, T0));
    }

    [Fact]
    public void AnObjectSeenAgainAfterRemovalIsRecorded()
    {
        var json = TestObjects.GitRepository("flux-system", "podinfo", generation: 2);
        var removed = Observed(json).Apply(new EntityEvents.ObjectRemoved(T0));

        Assert.NotNull(EntityDecisions.Observe(removed, Facts(json), json, T0));
    }

    [Fact]
    public void AnUnsettledGenerationNeedsAReconcile()
    {
        var json = TestObjects.GitRepository("flux-system", "podinfo", generation: 1);

        Assert.True(EntityDecisions.NeedsReconcile(EntityState.Empty, Facts(json)));
        Assert.True(EntityDecisions.NeedsReconcile(EntityState.Empty with { ObservedGeneration = 0 }, Facts(json)));
    }

    [Fact]
    public void ASettledGenerationDoesNotNeedAReconcile()
    {
        var json = TestObjects.GitRepository("flux-system", "podinfo", generation: 4);

        Assert.False(EntityDecisions.NeedsReconcile(EntityState.Empty with { ObservedGeneration = 4 }, Facts(json)));
    }

    [Fact]
    public void ANewRequestedAtNeedsAReconcileEvenWhenTheGenerationIsSettled()
    {
        var state = EntityState.Empty with { ObservedGeneration = 4, LastHandledReconcileAt = "2026-01-01T10:00:00Z" };
        var json = TestObjects.GitRepository("flux-system", "podinfo", generation: 4, requestedAt: "2026-01-01T10:05:00Z");

        Assert.True(EntityDecisions.NeedsReconcile(state, Facts(json)));
        Assert.True(EntityDecisions.NeedsReconcile(state with { LastHandledReconcileAt = null }, Facts(json)));
    }

    [Fact]
    public void AnAlreadyHandledRequestedAtDoesNotNeedAReconcile()
    {
        var state = EntityState.Empty with { ObservedGeneration = 4, LastHandledReconcileAt = "r1" };
        var json = TestObjects.GitRepository("flux-system", "podinfo", generation: 4, requestedAt: "r1");

        Assert.False(EntityDecisions.NeedsReconcile(state, Facts(json)));
    }

    [Fact]
    public void ASuspendedObjectNeverNeedsAReconcile()
    {
        var json = TestObjects.GitRepository("flux-system", "podinfo", generation: 9, suspend: true, requestedAt: "r9");

        Assert.False(EntityDecisions.NeedsReconcile(EntityState.Empty, Facts(json)));
    }

    [Fact]
    public void FinishRecordsTheRunAndItsConditions()
    {
        var state = EntityState.Empty with { ObservedGeneration = 1 };
        var request = Request(generation: 2, requestedAt: "r1", state);

        var finished = EntityDecisions.Finish(state, request, ReconcileResult.Success("stored artifact", "main@sha1:abc"), T0);

        Assert.Equal(2, finished.Generation);
        Assert.Equal("r1", finished.HandledRequestedAt);
        Assert.Equal(ReconcileOutcome.Succeeded, finished.Outcome);
        Assert.Equal(ConditionReasons.Succeeded, finished.Reason);
        Assert.Equal("stored artifact", finished.Message);
        Assert.Equal("main@sha1:abc", finished.Revision);
        Assert.Equal(T0, finished.At);
        var ready = Assert.Single(finished.Conditions);
        Assert.Equal(
            new Condition
            {
                Type = ConditionTypes.Ready,
                Status = ConditionStatus.True,
                Reason = ConditionReasons.Succeeded,
                Message = "stored artifact",
                ObservedGeneration = 2,
                LastTransitionTime = T0,
            },
            ready);
    }

    [Fact]
    public void AFailedFinishKeepsReconcilingWithRetry()
    {
        var request = Request(generation: 1, requestedAt: null, EntityState.Empty);

        var finished = EntityDecisions.Finish(EntityState.Empty, request, ReconcileResult.Failure(ConditionReasons.ArtifactFailed, "host unreachable"), T0);

        Assert.Equal(
            [(ConditionTypes.Reconciling, ConditionStatus.True, ConditionReasons.ProgressingWithRetry), (ConditionTypes.Ready, ConditionStatus.False, ConditionReasons.ArtifactFailed)],
            finished.Conditions.Select(c => (c.Type, c.Status, c.Reason)));
    }

    [Fact]
    public void ARunSettlesTheGenerationItStartedWithNotANewerOne()
    {
        var started = Observed(TestObjects.GitRepository("flux-system", "podinfo", generation: 2));
        var request = Request(generation: 2, requestedAt: null, started);
        var newer = TestObjects.GitRepository("flux-system", "podinfo", generation: 3);
        var meanwhile = started.Apply(EntityDecisions.Observe(started, Facts(newer), newer, T0)!);

        var after = meanwhile.Apply(EntityDecisions.Finish(meanwhile, request, ReconcileResult.Success("ok"), T0));

        Assert.Equal(2, after.ObservedGeneration);
        Assert.True(EntityDecisions.NeedsReconcile(after, Facts(newer)));
    }

    [Fact]
    public void AnUnchangedSuccessIsNotWorthAJournalWrite()
    {
        var (_, second, third) = Successes("main@sha1:abc", "main@sha1:abc");

        Assert.NotEqual(second.LastReconcileAt, third.LastReconcileAt);
        Assert.NotEqual(second.ReconcileCount, third.ReconcileCount);
        Assert.False(EntityDecisions.IsWorthPersisting(second, third));
    }

    [Fact]
    public void TheFirstSuccessIsWorthAJournalWrite()
    {
        var (first, second, _) = Successes("main@sha1:abc", "main@sha1:abc");

        Assert.True(EntityDecisions.IsWorthPersisting(first, second));
    }

    [Fact]
    public void ANewRevisionWithTheSameMessageIsStillWorthAJournalWrite()
    {
        var (_, second, third) = Successes("main@sha1:abc", "main@sha1:def");

        Assert.True(EntityDecisions.IsWorthPersisting(second, third));
    }

    [Fact]
    public void EveryFailureIsWorthAJournalWrite()
    {
        var (_, ready, _) = Successes("main@sha1:abc", "main@sha1:abc");
        var request = Request(generation: 1, requestedAt: null, ready);
        var failure = ReconcileResult.Failure("BuildFailed", "boom");
        var failed = ready.Apply(EntityDecisions.Finish(ready, request, failure, T0.AddMinutes(10)));
        var failedAgain = failed.Apply(EntityDecisions.Finish(failed, request, failure, T0.AddMinutes(11)));

        Assert.True(EntityDecisions.IsWorthPersisting(ready, failed));
        Assert.True(EntityDecisions.IsWorthPersisting(failed, failedAgain));
    }

    [Fact]
    public void ARunThatWroteReconcilingMovesReadysTransitionTimeEvenWithTheSameMessage()
    {
        var state = EntityState.Empty with { ObservedGeneration = 1, LastOutcome = ReconcileOutcome.Succeeded };
        var request = Request(generation: 1, requestedAt: "r1", state);
        var first = state.Apply(EntityDecisions.Finish(state, request, ReconcileResult.Success("stored artifact"), T0));

        var quiet = first.Apply(EntityDecisions.Finish(first, request, ReconcileResult.Success("stored artifact"), T0.AddMinutes(1)));
        var marked = first.Apply(EntityDecisions.Finish(first, request, ReconcileResult.Success("stored artifact"), T0.AddMinutes(1), markedProgressing: true));

        Assert.Equal(T0, Assert.Single(quiet.Conditions, c => c.Type == ConditionTypes.Ready).LastTransitionTime);
        Assert.Equal(T0.AddMinutes(1), Assert.Single(marked.Conditions, c => c.Type == ConditionTypes.Ready).LastTransitionTime);
        Assert.DoesNotContain(marked.Conditions, c => c.Type == ConditionTypes.Reconciling);
    }

    [Fact]
    public void AChangedConditionMessageIsWorthAJournalWrite()
    {
        var state = EntityState.Empty with { ObservedGeneration = 1, LastOutcome = ReconcileOutcome.Succeeded };
        var request = Request(generation: 1, requestedAt: null, state);
        var first = state.Apply(EntityDecisions.Finish(state, request, ReconcileResult.Success("3 objects applied"), T0));
        var second = first.Apply(EntityDecisions.Finish(first, request, ReconcileResult.Success("4 objects applied"), T0.AddMinutes(1)));

        Assert.True(EntityDecisions.IsWorthPersisting(first, second));
    }

    [Fact]
    public void AHandledRequestIsWorthAJournalWrite()
    {
        var (_, ready, _) = Successes("main@sha1:abc", "main@sha1:abc");
        var request = Request(generation: 1, requestedAt: "r1", ready);

        var handled = ready.Apply(EntityDecisions.Finish(ready, request, ReconcileResult.Success("stored artifact", "main@sha1:abc"), T0.AddMinutes(10)));

        Assert.True(EntityDecisions.IsWorthPersisting(ready, handled));
    }

    [Fact]
    public void ARunHasWorkToDoForANewGenerationARequestAnUpstreamRevisionOrAnObjectNotReady()
    {
        var json = TestObjects.GitRepository("flux-system", "podinfo", generation: 2);
        var ready = Observed(json).Apply(EntityDecisions.Finish(Observed(json), Request(2, null, Observed(json)), ReconcileResult.Success("ok", "rev"), T0));
        var requested = TestObjects.GitRepository("flux-system", "podinfo", generation: 2, requestedAt: "now");
        var failed = ready.Apply(EntityDecisions.Finish(ready, Request(2, null, ready), ReconcileResult.Failure("Failed", "boom"), T0));

        Assert.False(EntityDecisions.HasWorkToDo(ready, Facts(json), upstreamNews: false));
        Assert.True(EntityDecisions.HasWorkToDo(ready, Facts(TestObjects.GitRepository("flux-system", "podinfo", generation: 3)), upstreamNews: false));
        Assert.True(EntityDecisions.HasWorkToDo(ready, Facts(requested), upstreamNews: false));
        Assert.True(EntityDecisions.HasWorkToDo(ready, Facts(json), upstreamNews: true));
        Assert.True(EntityDecisions.HasWorkToDo(failed, Facts(json), upstreamNews: false));
    }

    private static ObjectFacts Facts(string json) => ObjectFacts.Parse(json);

    private static EntityState Observed(string json) =>
        EntityState.Empty.Apply(EntityDecisions.Observe(EntityState.Empty, Facts(json), json, T0)!);

    private static ReconcileRequest Request(long generation, string? requestedAt, EntityState previous) =>
        new(Key, new JsonObject(), generation, requestedAt, previous);

    /// <summary>A fresh entity, then after one successful run, then after a second one a minute later.</summary>
    private static (EntityState First, EntityState Second, EntityState Third) Successes(string firstRevision, string secondRevision)
    {
        var first = Observed(TestObjects.GitRepository("flux-system", "podinfo", generation: 1));
        var request = Request(generation: 1, requestedAt: null, first);
        var second = first.Apply(EntityDecisions.Finish(first, request, ReconcileResult.Success("stored artifact", firstRevision), T0));
        var third = second.Apply(EntityDecisions.Finish(second, request, ReconcileResult.Success("stored artifact", secondRevision), T0.AddMinutes(1)));
        return (first, second, third);
    }

    [Fact]
    public void ANewRevisionRecordsTheKindsNormalEventAndTheSameRevisionRecordsNone()
    {
        var before = EntityState.Empty with { LastRevision = "main@sha1:aaa", LastOutcome = ReconcileOutcome.Succeeded };
        var stored = ReconcileResult.Success("stored artifact for revision 'main@sha1:bbb'", "main@sha1:bbb", revisionEventReason: "NewArtifact");

        Assert.Equal(new Fleet.Actors.Kube.ObjectEvent("Normal", "NewArtifact", "stored artifact for revision 'main@sha1:bbb'"), EntityDecisions.EventFor(before, stored));
        Assert.Null(EntityDecisions.EventFor(before with { LastRevision = "main@sha1:bbb" }, stored));
        Assert.Null(EntityDecisions.EventFor(before, stored with { RevisionEventReason = null }));
    }

    [Fact]
    public void AFailureRecordsOneWarningUntilItChanges()
    {
        var failure = ReconcileResult.Failure("GitOperationFailed", "failed to checkout and determine revision: unable to reach host");
        var first = EntityDecisions.EventFor(EntityState.Empty, failure);
        Assert.Equal(new Fleet.Actors.Kube.ObjectEvent("Warning", "GitOperationFailed", failure.Message), first);

        var failing = EntityState.Empty.Apply(EntityDecisions.Finish(EntityState.Empty, Request(1, null, EntityState.Empty), failure, T0));
        Assert.Null(EntityDecisions.EventFor(failing, failure));
        Assert.NotNull(EntityDecisions.EventFor(failing, failure with { Message = "authentication required" }));
    }

    [Fact]
    public void AFailureFluxOnlyInformsAboutIsNormalAndOneFluxIsSilentAboutRecordsNothing()
    {
        var waiting = ReconcileResult.Failure("DependencyNotReady", "dependency 'flux-system/infra' is not ready") with { FailureEventType = "Normal" };
        var missing = ReconcileResult.Failure("ArtifactFailed", "Source artifact not found, retrying in 30s") with { FailureEventType = null };

        Assert.Equal(new Fleet.Actors.Kube.ObjectEvent("Normal", "DependencyNotReady", waiting.Message), EntityDecisions.EventFor(EntityState.Empty, waiting));
        Assert.Null(EntityDecisions.EventFor(EntityState.Empty, missing));
    }
}

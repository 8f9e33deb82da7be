using System.Collections.Immutable;
using Fleet.Actors.Reconciliation;
using Fleet.Messages.Api.Meta;
using Fleet.Messages.Entities;

namespace Fleet.Tests.Reconciliation;

/// <summary>The Ready, Reconciling and Stalled conditions a user reads on every Flux object.</summary>
public class FluxConditionRulesTests
{
    private static readonly DateTime T0 = new(2026, 1, 1, 10, 0, 0, DateTimeKind.Utc);
    private static readonly DateTime T1 = T0.AddMinutes(1);
    private static readonly DateTime T2 = T0.AddMinutes(2);

    [Fact]
    public void ProgressingMarksReconcilingAndReadyUnknown()
    {
        var conditions = FluxConditionRules.Progressing([], 3, T0);

        Assert.Equal(2, conditions.Count);
        AssertCondition(conditions, ConditionTypes.Reconciling, ConditionStatus.True, ConditionReasons.Progressing, "Reconciliation in progress", 3, T0);
        AssertCondition(conditions, ConditionTypes.Ready, ConditionStatus.Unknown, ConditionReasons.Progressing, "Reconciliation in progress", 3, T0);
    }

    [Fact]
    public void ProgressingClearsStalledAsFluxDoesAtTheStartOfARun()
    {
        var stalled = Finished([], ReconcileOutcome.Stalled, "InvalidCELExpression", "bad expression", 1, T0);

        var conditions = FluxConditionRules.Progressing(stalled, 2, T1);

        Assert.DoesNotContain(conditions, c => c.Type == ConditionTypes.Stalled);
        AssertCondition(conditions, ConditionTypes.Reconciling, ConditionStatus.True, ConditionReasons.Progressing, "Reconciliation in progress", 2, T1);
    }

    [Fact]
    public void SuccessLeavesOnlyReadyTrue()
    {
        var progressing = FluxConditionRules.Progressing([], 4, T0);

        var conditions = Finished(progressing, ReconcileOutcome.Succeeded, "ReconciliationSucceeded", "Applied revision: main@sha1:abc", 4, T1);

        var ready = Assert.Single(conditions);
        Assert.Equal(ConditionTypes.Ready, ready.Type);
        AssertCondition(conditions, ConditionTypes.Ready, ConditionStatus.True, "ReconciliationSucceeded", "Applied revision: main@sha1:abc", 4, T1);
    }

    [Fact]
    public void SuccessAfterStalledRemovesStalled()
    {
        var stalled = Finished([], ReconcileOutcome.Stalled, "InvalidCELExpression", "bad expression", 1, T0);

        var conditions = Finished(stalled, ReconcileOutcome.Succeeded, "ReconciliationSucceeded", "ok", 2, T1);

        Assert.Equal([ConditionTypes.Ready], conditions.Select(c => c.Type));
    }

    [Fact]
    public void FailureIsReadyFalseAndReconcilingWithRetry()
    {
        var progressing = FluxConditionRules.Progressing([], 2, T0);

        var conditions = Finished(progressing, ReconcileOutcome.Failed, "BuildFailed", "kustomize build failed", 2, T1);

        Assert.Equal(2, conditions.Count);
        AssertCondition(conditions, ConditionTypes.Ready, ConditionStatus.False, "BuildFailed", "kustomize build failed", 2, T1);
        AssertCondition(conditions, ConditionTypes.Reconciling, ConditionStatus.True, ConditionReasons.ProgressingWithRetry, "kustomize build failed", 2, T1);
    }

    [Fact]
    public void FailureAfterStalledRemovesStalled()
    {
        var stalled = Finished([], ReconcileOutcome.Stalled, "InvalidCELExpression", "bad expression", 1, T0);

        var conditions = Finished(stalled, ReconcileOutcome.Failed, "BuildFailed", "boom", 2, T1);

        Assert.DoesNotContain(conditions, c => c.Type == ConditionTypes.Stalled);
        Assert.Contains(conditions, c => c.Type == ConditionTypes.Reconciling);
    }

    [Fact]
    public void StalledIsReadyFalseAndStalledTrueWithoutReconciling()
    {
        var progressing = FluxConditionRules.Progressing([], 5, T0);

        var conditions = Finished(progressing, ReconcileOutcome.Stalled, "InvalidCELExpression", "readyExpr does not compile", 5, T1);

        Assert.Equal(2, conditions.Count);
        AssertCondition(conditions, ConditionTypes.Ready, ConditionStatus.False, "InvalidCELExpression", "readyExpr does not compile", 5, T1);
        AssertCondition(conditions, ConditionTypes.Stalled, ConditionStatus.True, "InvalidCELExpression", "readyExpr does not compile", 5, T1);
    }

    [Fact]
    public void ConditionsAreOrderedStalledReconcilingReadyThenTheRest()
    {
        var healthy = new Condition { Type = ConditionTypes.Healthy, Status = ConditionStatus.True, Reason = "Succeeded", LastTransitionTime = T0 };
        var artifact = new Condition { Type = "ArtifactInStorage", Status = ConditionStatus.True, Reason = "Succeeded", LastTransitionTime = T0 };

        var failed = Finished([healthy, artifact], ReconcileOutcome.Failed, "BuildFailed", "boom", 1, T1);
        var stalled = Finished([healthy, artifact], ReconcileOutcome.Stalled, "InvalidCELExpression", "bad", 1, T1);

        Assert.Equal([ConditionTypes.Reconciling, ConditionTypes.Ready, "ArtifactInStorage", ConditionTypes.Healthy], failed.Select(c => c.Type));
        Assert.Equal([ConditionTypes.Stalled, ConditionTypes.Ready, "ArtifactInStorage", ConditionTypes.Healthy], stalled.Select(c => c.Type));
    }

    [Fact]
    public void OtherConditionsAreKept()
    {
        var healthy = new Condition { Type = ConditionTypes.Healthy, Status = ConditionStatus.True, Reason = "Succeeded", Message = "all healthy", LastTransitionTime = T0 };

        var conditions = Finished([healthy], ReconcileOutcome.Succeeded, "ReconciliationSucceeded", "ok", 1, T1);

        Assert.Contains(healthy, conditions);
    }

    [Fact]
    public void TransitionTimeStaysWhenNothingButTheGenerationChanges()
    {
        var first = Finished([], ReconcileOutcome.Succeeded, "ReconciliationSucceeded", "Applied revision: main@sha1:abc", 1, T0);

        var second = Finished(first, ReconcileOutcome.Succeeded, "ReconciliationSucceeded", "Applied revision: main@sha1:abc", 2, T1);

        AssertCondition(second, ConditionTypes.Ready, ConditionStatus.True, "ReconciliationSucceeded", "Applied revision: main@sha1:abc", 2, T0);
    }

    [Fact]
    public void TransitionTimeMovesWhenTheStatusChanges()
    {
        var ready = Finished([], ReconcileOutcome.Succeeded, "ReconciliationSucceeded", "ok", 1, T0);

        var failed = Finished(ready, ReconcileOutcome.Failed, "BuildFailed", "boom", 1, T1);
        var readyAgain = Finished(failed, ReconcileOutcome.Succeeded, "ReconciliationSucceeded", "ok", 1, T2);

        Assert.Equal(T1, Get(failed, ConditionTypes.Ready).LastTransitionTime);
        Assert.Equal(T2, Get(readyAgain, ConditionTypes.Ready).LastTransitionTime);
    }

    [Fact]
    public void TransitionTimeMovesWhenTheMessageOrReasonChangesAsInFlux()
    {
        var first = Finished([], ReconcileOutcome.Succeeded, "ReconciliationSucceeded", "Applied revision: main@sha1:abc", 1, T0);

        var newRevision = Finished(first, ReconcileOutcome.Succeeded, "ReconciliationSucceeded", "Applied revision: main@sha1:def", 1, T1);
        var newReason = Finished(newRevision, ReconcileOutcome.Succeeded, "Succeeded", "Applied revision: main@sha1:def", 1, T2);

        Assert.Equal(T1, Get(newRevision, ConditionTypes.Ready).LastTransitionTime);
        Assert.Equal(T2, Get(newReason, ConditionTypes.Ready).LastTransitionTime);
    }

    [Fact]
    public void RepeatedFailureWithTheSameErrorKeepsItsTransitionTimes()
    {
        var first = Finished([], ReconcileOutcome.Failed, "BuildFailed", "boom", 1, T0);

        var second = Finished(first, ReconcileOutcome.Failed, "BuildFailed", "boom", 1, T1);

        Assert.Equal(T0, Get(second, ConditionTypes.Ready).LastTransitionTime);
        Assert.Equal(T0, Get(second, ConditionTypes.Reconciling).LastTransitionTime);
    }

    [Fact]
    public void ProgressingTwiceKeepsTheFirstTransitionTime()
    {
        var first = FluxConditionRules.Progressing([], 1, T0);

        var second = FluxConditionRules.Progressing(first, 1, T1);

        Assert.Equal(T0, Get(second, ConditionTypes.Ready).LastTransitionTime);
        Assert.Equal(T0, Get(second, ConditionTypes.Reconciling).LastTransitionTime);
    }

    [Fact]
    public void ReconcilingAfterProgressingMovesWhenRetryReplacesProgressing()
    {
        var progressing = FluxConditionRules.Progressing([], 1, T0);

        var failed = Finished(progressing, ReconcileOutcome.Failed, "BuildFailed", "boom", 1, T1);

        Assert.Equal(T1, Get(failed, ConditionTypes.Reconciling).LastTransitionTime);
    }

    [Theory]
    [InlineData(ReconcileOutcome.Succeeded, true)]
    [InlineData(ReconcileOutcome.Stalled, true)]
    [InlineData(ReconcileOutcome.Failed, false)]
    public void OnlyReadyOrStalledSettleTheGeneration(ReconcileOutcome outcome, bool observes)
    {
        Assert.Equal(observes, FluxConditionRules.ObservesGeneration(outcome));
    }

    [Fact]
    public void KindConditionsAreSetBesideReadyAndKeepTheirTransitionTimeWhileUnchanged()
    {
        Condition healthy = new() { Type = "Healthy", Status = ConditionStatus.True, Reason = "Succeeded", Message = "Health check passed in 2s" };

        var first = FluxConditionRules.Finished([], ReconcileOutcome.Succeeded, "ReconciliationSucceeded", "Applied", 1, T0, [healthy]);
        var second = FluxConditionRules.Finished(first, ReconcileOutcome.Succeeded, "ReconciliationSucceeded", "Applied", 2, T1, [healthy]);

        Assert.Equal([ConditionTypes.Ready, "Healthy"], second.Select(c => c.Type));
        AssertCondition(second, "Healthy", ConditionStatus.True, "Succeeded", "Health check passed in 2s", 2, T0);
    }

    [Fact]
    public void AKindConditionTheRunNoLongerReportsIsRemovedAndNullKeepsThem()
    {
        Condition fetchFailed = new() { Type = "FetchFailed", Status = ConditionStatus.True, Reason = "GitOperationFailed", Message = "unreachable" };
        var failed = FluxConditionRules.Finished([], ReconcileOutcome.Failed, "GitOperationFailed", "unreachable", 1, T0, [fetchFailed]);

        var kept = FluxConditionRules.Finished(failed, ReconcileOutcome.Failed, "GitOperationFailed", "unreachable", 1, T1);
        var recovered = FluxConditionRules.Finished(failed, ReconcileOutcome.Succeeded, "Succeeded", "stored", 1, T1, []);

        Assert.Contains(kept, c => c.Type == "FetchFailed");
        Assert.Equal([ConditionTypes.Ready], recovered.Select(c => c.Type));
    }

    [Fact]
    public void AnUnknownOutcomeIsRejected()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => Finished([], (ReconcileOutcome)42, "X", "x", 1, T0));
    }

    private static ImmutableList<Condition> Finished(
        ImmutableList<Condition> conditions, ReconcileOutcome outcome, string reason, string message, long generation, DateTime now) =>
        FluxConditionRules.Finished(conditions, outcome, reason, message, generation, now);

    private static Condition Get(ImmutableList<Condition> conditions, string type) => Assert.Single(conditions, c => c.Type == type);

    private static void AssertCondition(
        ImmutableList<Condition> conditions, string type, string status, string reason, string message, long generation, DateTime transition)
    {
        var condition = Get(conditions, type);
        Assert.Equal(
            new Condition { Type = type, Status = status, Reason = reason, Message = message, ObservedGeneration = generation, LastTransitionTime = transition },
            condition);
    }
}

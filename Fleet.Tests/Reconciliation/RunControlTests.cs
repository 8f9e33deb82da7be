using Fleet.Actors.Reconciliation;

namespace Fleet.Tests.Reconciliation;

/// <summary>An entity's single flight: one run at a time, coalesced reconciles, a cleanup after the reconcile it cancels, and stopping.</summary>
public class RunControlTests
{
    [Fact]
    public void ReconcilesAskedForDuringARunAreCoalescedIntoOneMore()
    {
        var runs = new RunControl();
        var first = runs.TryStartReconcile()!;

        Assert.Null(runs.TryStartReconcile());
        Assert.Null(runs.TryStartReconcile());
        Assert.True(runs.ReconcilePending);

        Assert.True(runs.End(first.Id));
        var next = runs.StartWaiting(mayReconcile: true)!;
        Assert.Equal(RunKind.Reconcile, next.Kind);
        Assert.NotEqual(first.Id, next.Id);
        Assert.True(runs.End(next.Id));
        Assert.Null(runs.StartWaiting(mayReconcile: true));
    }

    [Fact]
    public void ACoalescedReconcileDoesNotStartWhenTheObjectMayNotReconcile()
    {
        var runs = new RunControl();
        var first = runs.TryStartReconcile()!;
        runs.TryStartReconcile();
        runs.End(first.Id);

        Assert.Null(runs.StartWaiting(mayReconcile: false));
        Assert.False(runs.ReconcilePending);
    }

    [Fact]
    public void ALateReportOfAnEarlierRunIsNotTheRunUnderWay()
    {
        var runs = new RunControl();
        var first = runs.TryStartReconcile()!;
        runs.End(first.Id);
        var second = runs.TryStartReconcile()!;

        Assert.False(runs.End(first.Id));
        Assert.Same(second, runs.Running);
    }

    [Fact]
    public void ACleanupCancelsTheRunningReconcileAndStartsOnlyOnceItEnded()
    {
        var runs = new RunControl();
        var reconcile = runs.TryStartReconcile()!;

        Assert.Null(runs.TryStartCleanup());
        Assert.True(reconcile.Cancellation.IsCancellationRequested);
        Assert.True(runs.CleanupPending);
        Assert.Null(runs.TryStartReconcile());
        Assert.Null(runs.TryStartCleanup());

        runs.End(reconcile.Id);
        var cleanup = runs.StartWaiting(mayReconcile: false)!;
        Assert.Equal(RunKind.Cleanup, cleanup.Kind);
        Assert.False(runs.CleanupPending);
    }

    [Fact]
    public void OneCleanupRunsAtATimeAndNoReconcileBesideIt()
    {
        var runs = new RunControl();
        var cleanup = runs.TryStartCleanup()!;

        Assert.Null(runs.TryStartCleanup());
        Assert.Null(runs.TryStartReconcile());
        Assert.False(cleanup.Cancellation.IsCancellationRequested);
        runs.End(cleanup.Id);
        Assert.Null(runs.StartWaiting(mayReconcile: true));
        Assert.NotNull(runs.TryStartCleanup());
    }

    [Fact]
    public void StoppingCancelsTheRunAndStartsNothingMore()
    {
        var runs = new RunControl();
        var reconcile = runs.TryStartReconcile()!;
        runs.TryStartReconcile();

        Assert.False(runs.Stop());
        Assert.True(reconcile.Cancellation.IsCancellationRequested);
        Assert.Null(runs.TryStartReconcile());
        Assert.Null(runs.TryStartCleanup());
        runs.End(reconcile.Id);
        Assert.Null(runs.StartWaiting(mayReconcile: true));
        Assert.True(runs.Stop());
    }

    [Fact]
    public void CancellingAReconcileForgetsACoalescedOne()
    {
        var runs = new RunControl();
        var reconcile = runs.TryStartReconcile()!;
        runs.TryStartReconcile();

        runs.CancelReconcile();

        Assert.True(reconcile.Cancellation.IsCancellationRequested);
        runs.End(reconcile.Id);
        Assert.Null(runs.StartWaiting(mayReconcile: true));
    }

    [Fact]
    public void AnObjectThatIsGoneLetsItsCleanupFinish()
    {
        var runs = new RunControl();
        var cleanup = runs.TryStartCleanup()!;

        runs.CancelReconcile();

        Assert.False(cleanup.Cancellation.IsCancellationRequested);
    }

    [Fact]
    public void StoppingCancelsACleanupToo()
    {
        var runs = new RunControl();
        var cleanup = runs.TryStartCleanup()!;

        Assert.False(runs.Stop());
        Assert.True(cleanup.Cancellation.IsCancellationRequested);
    }
}

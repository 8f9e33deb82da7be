using Fleet.Actors.Reconciliation;

namespace Fleet.Tests.Reconciliation;

/// <summary>A node runs at most N reconciles of a kind at once; the rest wait their turn.</summary>
public sealed class ReconcileSlotsTests
{
    [Fact]
    public async Task A_reconcile_beyond_the_limit_waits_until_one_finishes()
    {
        var slots = new ReconcileSlots(perKind: 2);
        using var first = await slots.AcquireAsync("Kustomization", CancellationToken.None);
        var second = await slots.AcquireAsync("Kustomization", CancellationToken.None);

        // Only a release completes a wait for a full semaphore, and none comes before the check.
        var third = slots.AcquireAsync("Kustomization", CancellationToken.None);
        Assert.False(third.IsCompleted);

        second.Dispose();
        second.Dispose();
        (await third.WaitAsync(TimeSpan.FromSeconds(5))).Dispose();
        var fourth = slots.AcquireAsync("Kustomization", CancellationToken.None);
        Assert.True(fourth.IsCompletedSuccessfully);
        var fifth = slots.AcquireAsync("Kustomization", CancellationToken.None);
        Assert.False(fifth.IsCompleted);
    }

    [Fact]
    public async Task Each_kind_has_its_own_slots()
    {
        var slots = new ReconcileSlots(perKind: 1);
        using var git = await slots.AcquireAsync("GitRepository", CancellationToken.None);

        var kustomization = slots.AcquireAsync("Kustomization", CancellationToken.None);

        Assert.True(kustomization.IsCompletedSuccessfully);
    }

    [Fact]
    public async Task A_waiting_reconcile_can_be_cancelled()
    {
        var slots = new ReconcileSlots(perKind: 1);
        using var held = await slots.AcquireAsync("Kustomization", CancellationToken.None);
        using var cancel = new CancellationTokenSource();

        var waiting = slots.AcquireAsync("Kustomization", cancel.Token);
        await cancel.CancelAsync();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => waiting);
    }

    [Fact]
    public void At_least_one_slot()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => new ReconcileSlots(perKind: 0));
    }
}

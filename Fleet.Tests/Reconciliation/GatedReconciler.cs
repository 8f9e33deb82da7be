using System.Collections.Concurrent;
using Fleet.Actors.Reconciliation;
using Fleet.Messages;
using Fleet.Messages.Api;

namespace Fleet.Tests.Reconciliation;

/// <summary>
/// A reconcile that ends only when the test releases it, cancelled or not (as a slow apply that finishes its request), and
/// a cleanup; both write down what happened, in order.
/// </summary>
public sealed class GatedReconciler : IObjectReconciler, IObjectCleanup, IReconcilerCatalog
{
    private readonly TaskCompletionSource _release = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public ConcurrentQueue<string> Steps { get; } = new();

    public void Release() => _release.TrySetResult();

    public async Task<ReconcileResult> ReconcileAsync(ReconcileRequest request, CancellationToken cancellationToken)
    {
        Steps.Enqueue("reconcile started");
        await using (cancellationToken.Register(() => Steps.Enqueue("reconcile cancelled")))
        {
            await _release.Task;
        }
        Steps.Enqueue("reconcile ended");
        return ReconcileResult.Success("applied", "main@sha1:aaa");
    }

    public Task CleanupAsync(ReconcileRequest request, CancellationToken cancellationToken)
    {
        Steps.Enqueue("cleanup");
        return Task.CompletedTask;
    }

    public IObjectReconciler Create(FluxKind kind, ObjectKey key) => this;
}

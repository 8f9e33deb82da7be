using System.Collections.Concurrent;
using Fleet.Actors.Reconciliation;
using Fleet.Messages;
using Fleet.Messages.Api;

namespace Fleet.Tests.Support;

/// <summary>
/// A reconciler whose results a test decides: it answers from a queue (success by default) and can be
/// held mid-run to observe single flight. Records every request.
/// </summary>
public sealed class ScriptedReconciler : IObjectReconciler, IReconcilerCatalog
{
    private readonly ConcurrentQueue<ReconcileResult> _results = new();
    private volatile TaskCompletionSource? _gate;

    public ConcurrentQueue<ReconcileRequest> Requests { get; } = new();

    public int Running;

    public void Enqueue(params ReconcileResult[] results)
    {
        foreach (var result in results)
        {
            _results.Enqueue(result);
        }
    }

    /// <summary>Holds every run until <see cref="Release"/>.</summary>
    public void Hold() => _gate = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);

    public void Release() => Interlocked.Exchange(ref _gate, null)?.TrySetResult();

    public async Task<ReconcileResult> ReconcileAsync(ReconcileRequest request, CancellationToken cancellationToken)
    {
        Requests.Enqueue(request);
        Interlocked.Increment(ref Running);
        try
        {
            if (_gate is { } gate)
            {
                await gate.Task.WaitAsync(cancellationToken);
            }
            return _results.TryDequeue(out var result) ? result : ReconcileResult.Success("fetched", $"rev-{Requests.Count}");
        }
        finally
        {
            Interlocked.Decrement(ref Running);
        }
    }

    public IObjectReconciler Create(FluxKind kind, ObjectKey key) => this;
}

using Fleet.Actors.Reconciliation;
using Fleet.Messages;
using Fleet.Messages.Api;

namespace Fleet.Tests.Cluster;

/// <summary>A trivial reconcile that reports to the recorder; its revision counts the entity's runs cluster-wide.</summary>
public sealed class RecordingReconciler : IObjectReconciler, IDisposable
{
    private readonly EntityActivityRecorder _recorder;
    private readonly string _node;
    private readonly ObjectKey _key;

    public RecordingReconciler(EntityActivityRecorder recorder, string node, ObjectKey key)
    {
        (_recorder, _node, _key) = (recorder, node, key);
        recorder.InstanceStarted(key, node);
    }

    public async Task<ReconcileResult> ReconcileAsync(ReconcileRequest request, CancellationToken cancellationToken)
    {
        var startedAt = DateTime.UtcNow;
        var run = _recorder.RunStarted(_key, _node);
        try
        {
            await Task.Delay(TimeSpan.FromMilliseconds(20), cancellationToken);
            return ReconcileResult.Success($"run {run} on {_node}", $"rev-{run}");
        }
        finally
        {
            _recorder.RunFinished(_key, _node, request.Previous.LastRevision, startedAt);
        }
    }

    public void Dispose() => _recorder.InstanceStopped(_key, _node);

    /// <summary>Creates recording reconcilers for one node.</summary>
    public sealed class Catalog(EntityActivityRecorder recorder, string node) : IReconcilerCatalog
    {
        public IObjectReconciler Create(FluxKind kind, ObjectKey key) => new RecordingReconciler(recorder, node, key);
    }
}

namespace Fleet.Actors.Reconciliation;

/// <summary>
/// Converges one object; one instance per live entity, called by at most one reconcile at a time,
/// off the actor's thread. Disposed when the entity stops if it implements <see cref="IDisposable"/>.
/// </summary>
public interface IObjectReconciler
{
    Task<ReconcileResult> ReconcileAsync(ReconcileRequest request, CancellationToken cancellationToken);
}

using Fleet.Messages.Api.Meta;

namespace Fleet.Actors.Reconciliation;

/// <summary>Reports plainly that Fleet has no reconciler for a kind yet, instead of pretending the object is Ready.</summary>
public sealed class UnimplementedKindReconciler(string kind) : IObjectReconciler
{
    public Task<ReconcileResult> ReconcileAsync(ReconcileRequest request, CancellationToken cancellationToken) =>
        Task.FromResult(ReconcileResult.Stall(ConditionReasons.ReconciliationFailed, $"this version of Fleet does not reconcile {kind} objects yet"));
}

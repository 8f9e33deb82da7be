using Fleet.Messages;
using Fleet.Messages.Api;

namespace Fleet.Actors.Reconciliation;

/// <summary>Creates the reconciler of an entity when it starts.</summary>
public interface IReconcilerCatalog
{
    IObjectReconciler Create(FluxKind kind, ObjectKey key);
}

using Fleet.Messages;
using Fleet.Messages.Api;

namespace Fleet.Actors.Reconciliation;

/// <summary>The reconcilers of a production node, by kind; kinds without one yet say so in their status.</summary>
public sealed class FleetReconcilerCatalog : IReconcilerCatalog
{
    public IObjectReconciler Create(FluxKind kind, ObjectKey key) => new UnimplementedKindReconciler(kind.Kind);
}

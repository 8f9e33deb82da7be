using Fleet.Actors.Sources;
using Fleet.Messages;
using Fleet.Messages.Api;

namespace Fleet.Actors.Reconciliation;

/// <summary>
/// The reconcilers of a production node, by kind; kinds without one yet say so in their status. Source kinds
/// need an API server (<paramref name="sources"/>); without one they too report themselves unimplemented.
/// </summary>
public sealed class FleetReconcilerCatalog(SourceServices? sources) : IReconcilerCatalog
{
    public IObjectReconciler Create(FluxKind kind, ObjectKey key) =>
        kind.Kind == FluxKinds.GitRepository.Kind && sources is not null
            ? new GitRepositoryReconciler(sources)
            : new UnimplementedKindReconciler(kind.Kind);
}

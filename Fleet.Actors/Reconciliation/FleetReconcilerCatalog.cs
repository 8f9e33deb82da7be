using Fleet.Actors.Kustomize;
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
    private readonly KustomizeTool _kustomize = KustomizeTool.Locate();

    public IObjectReconciler Create(FluxKind kind, ObjectKey key) => (kind.Kind, sources) switch
    {
        (nameof(FluxKinds.GitRepository), { } services) => new GitRepositoryReconciler(services),
        (nameof(FluxKinds.Kustomization), { } services) => new KustomizationReconciler(services, _kustomize),
        _ => new UnimplementedKindReconciler(kind.Kind),
    };
}

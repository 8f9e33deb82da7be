using Fleet.Actors.Kustomize;
using Fleet.Actors.Sources;
using Fleet.Actors.Sources.Artifacts;
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

    // One per node: every Kustomization of a revision builds from the same unpacked artifact.
    private readonly UnpackedArtifacts? _artifacts = sources is null ? null : new UnpackedArtifacts(sources.Http, Path.Combine(sources.DataDirectory, "build-artifacts"));

    public IObjectReconciler Create(FluxKind kind, ObjectKey key) => (kind.Kind, sources, _artifacts) switch
    {
        (nameof(FluxKinds.GitRepository), { } services, _) => new GitRepositoryReconciler(services),
        (nameof(FluxKinds.Kustomization), { } services, { } artifacts) => new KustomizationReconciler(services, _kustomize, artifacts),
        _ => new UnimplementedKindReconciler(kind.Kind),
    };
}

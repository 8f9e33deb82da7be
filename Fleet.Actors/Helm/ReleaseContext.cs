using Fleet.Messages.Api.Helm;
using k8s;

namespace Fleet.Actors.Helm;

/// <summary>What every helm action of a reconcile shares: the release, its spec, and how to reach its cluster.</summary>
public sealed record ReleaseContext(ReleaseTarget Target, HelmReleaseSpec Spec, IKubernetes Client, string? Kubeconfig, string? User)
{
    /// <summary>The executable helm passes rendered manifests through (<see cref="Helm.PostRenderer"/>), if the release has post-renderers.</summary>
    public string? PostRenderer { get; init; }
}

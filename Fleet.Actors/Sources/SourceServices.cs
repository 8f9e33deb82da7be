using Fleet.Actors.Kube;
using Fleet.Actors.Reconciliation;
using Fleet.Actors.Sources.Artifacts;
using k8s;

namespace Fleet.Actors.Sources;

/// <summary>
/// What reconcilers need from their node: the API server, clients for the clusters objects target, the
/// artifact store, the data directory for working copies, an HTTP client to download artifacts, and Flux's controller flags.
/// </summary>
public sealed record SourceServices(IKubernetes Kubernetes, ArtifactStore Store, string DataDirectory, HttpClient Http, ClusterClients Clusters)
{
    public ControllerFlags Flags { get; init; } = new();
}

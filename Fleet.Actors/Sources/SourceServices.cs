using Fleet.Actors.Kube;
using Fleet.Actors.Sources.Artifacts;
using k8s;

namespace Fleet.Actors.Sources;

/// <summary>
/// What reconcilers need from their node: the API server, clients for the clusters objects target, the
/// artifact store, the data directory for working copies, and an HTTP client to download artifacts.
/// </summary>
public sealed record SourceServices(IKubernetes Kubernetes, ArtifactStore Store, string DataDirectory, HttpClient Http, ClusterClients Clusters);

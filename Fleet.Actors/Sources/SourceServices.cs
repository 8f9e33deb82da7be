using Fleet.Actors.Sources.Artifacts;
using k8s;

namespace Fleet.Actors.Sources;

/// <summary>
/// What source reconcilers need from their node: the API server, the artifact store, the data directory for
/// working copies, and an HTTP client to download other sources' artifacts.
/// </summary>
public sealed record SourceServices(IKubernetes Kubernetes, ArtifactStore Store, string DataDirectory, HttpClient Http);
